#pragma once

#include <QDate>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

// A prepared statement. Every value is bound, never spliced into SQL text. Binding a QDate
// stores ISO yyyy-MM-dd, a QDateTime ISO 8601 UTC with milliseconds, an invalid value NULL.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const QVariant& value);
    Statement& bind(const char* name, const QVariant& value);
    // Binds a list of values to ?1..?n.
    Statement& bindAll(const QVariantList& values);

    bool next(); // steps; true while a row is available
    void run(); // steps to completion
    void reset();

    int columnCount() const;
    bool isNull(int column) const;
    QString text(int column) const;
    qint64 integer(int column) const;
    double real(int column) const;
    bool boolean(int column) const { return integer(column) != 0; }
    QDate date(int column) const;
    QDateTime dateTime(int column) const;
    QVariant value(int column) const;
    QString columnName(int column) const;

private:
    void check(int rc) const;

    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};
