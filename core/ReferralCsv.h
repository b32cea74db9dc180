#pragma once

#include "CsvRecord.h"
#include "LineError.h"
#include "ReferralRow.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QList>

class Vocabulary;

// Reads a referrals spreadsheet (CSV text, header row first, columns in any order, header
// names in any case) into validated rows. Every problem in the file is reported at once, each
// with its line, so a worker can fix the file in one go. A row with any problem is left out of
// rows; callers should import nothing while errors is not empty.
class ReferralCsv
{
    Q_DECLARE_TR_FUNCTIONS(ReferralCsv)

public:
    struct Result
    {
        QList<ReferralRow> rows;
        QList<LineError> errors;

        bool ok() const { return errors.isEmpty(); }
    };

    // A file's bytes turned into text, or why not in a sentence fit to show (naming the file).
    struct Decoded
    {
        QString text;
        QString problem;

        bool ok() const { return problem.isEmpty(); }
    };

    // A year of a busy team's referrals is a few MiB; anything past this is the wrong file, and
    // it would all sit in memory. Callers read at most maxFileBytes + 1 bytes so decode() can tell.
    static constexpr qint64 maxFileBytes = 64ll * 1024 * 1024;

    // The one reading rule for the CLI and the desktop (core does no file I/O, so the caller
    // reads): at most maxFileBytes, UTF-8 only (a byte-order mark is dropped), because a
    // spreadsheet's legacy encoding would otherwise turn names like "Siân" into mojibake.
    static Decoded decode(const QByteArray& bytes, const QString& fileName);
    static Result parse(const QString& text, const QDate& today);
    static QStringList columns(); // every column the file may have
    static QStringList requiredColumns(); // given_name or family_name is also needed
    static QString formatError(const LineError& error); // "line 4: ..."

private:
    using Values = QHash<QString, QString>; // column -> trimmed value
    using Problems = QStringList;

    static QHash<QString, qsizetype> readHeader(const CsvRecord& header, Result& result);
    static Values valuesOf(const CsvRecord& record, const QHash<QString, qsizetype>& columns);
    static bool isBlank(const CsvRecord& record);
    static Problems readRow(const Values& v, const QDate& today, ReferralRow& row);
    static void readDates(const Values& v, const QDate& today, ReferralRow& row, Problems& problems);
    static void readPerson(const Values& v, ReferralRow& row, Problems& problems);
    static void readCase(const Values& v, ReferralRow& row, Problems& problems);
    static void readNeeds(const Values& v, ReferralRow& row, Problems& problems);
    static void readClosure(const Values& v, const QDate& today, ReferralRow& row, Problems& problems);
    static QString readKey(
        const Values& v, const QString& column, const Vocabulary& vocabulary, Problems& problems);
    static QString readText(
        const Values& v, const QString& column, int maxLength, bool required, Problems& problems);
    static void addIfProblem(Problems& problems, const QString& problem);
};
