#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The consistency digest both sides compute the same way (docs/SYNC.md): SHA-256 over the
// lines "entity\trow_id\trev\n" of the rows, sorted by entity then row id (bytewise).
// Sorting here means neither side depends on the order its storage returns rows in.
class RowDigest
{
public:
    void add(const QString& entity, const QString& rowId, qint64 rev);
    qint64 rows() const { return m_lines.size(); }
    QString hex() const; // 64 lower-case hex characters

private:
    QList<QByteArray> m_lines;
};
