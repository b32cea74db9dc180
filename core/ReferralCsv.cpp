#include "ReferralCsv.h"

#include "CaseReference.h"
#include "CsvReader.h"
#include "Validation.h"
#include "Vocabulary.h"

#include <QStringDecoder>

#include <algorithm>

// Length caps for free text: generous for real use, small enough to stop a pasted document.
// The same as casebook-cli's case add, so that every exported case can be imported again.
static const int nameLimit = 200;
static const int agencyLimit = 200;
static const int reasonLimit = 5000;

QStringList ReferralCsv::columns()
{
    return {QStringLiteral("reference"), QStringLiteral("referral_date"), QStringLiteral("referring_agency"),
        QStringLiteral("referrer_name"), QStringLiteral("given_name"), QStringLiteral("family_name"),
        QStringLiteral("date_of_birth"), QStringLiteral("nhs_number"), QStringLiteral("postcode"),
        QStringLiteral("needs"), QStringLiteral("reason"), QStringLiteral("consent"), QStringLiteral("risk"),
        QStringLiteral("status"), QStringLiteral("closed_date"), QStringLiteral("closure_reason")};
}

QStringList ReferralCsv::requiredColumns()
{
    return {QStringLiteral("referral_date"), QStringLiteral("referring_agency"), QStringLiteral("reason"),
        QStringLiteral("consent"), QStringLiteral("risk"), QStringLiteral("status")};
}

QString ReferralCsv::formatError(const LineError& error)
{
    return tr("line %1: %2").arg(error.line).arg(error.message);
}

ReferralCsv::Decoded ReferralCsv::decode(const QByteArray& bytes, const QString& fileName)
{
    Decoded decoded;
    if (bytes.size() > maxFileBytes) {
        decoded.problem = tr("%1 is larger than 64 MiB; split it into smaller files.").arg(fileName);
        return decoded;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    decoded.text = decoder.decode(bytes);
    if (decoder.hasError()) {
        decoded.text.clear();
        decoded.problem = tr("%1 is not UTF-8 text; save it as \"CSV UTF-8\" and try again.").arg(fileName);
    }
    return decoded;
}

ReferralCsv::Result ReferralCsv::parse(const QString& text, const QDate& today)
{
    Result result;
    const CsvReader::Result csv = CsvReader::parse(text);
    if (!csv.ok()) {
        result.errors << LineError {csv.errorLine, csv.error};
        return result;
    }
    if (csv.records.isEmpty()) {
        result.errors << LineError {1, tr("The file is empty; it needs a header row naming the columns")};
        return result;
    }
    const QHash<QString, qsizetype> columns = readHeader(csv.records.first(), result);
    if (!result.errors.isEmpty())
        return result;
    QHash<QString, int> referenceLines;
    for (qsizetype i = 1; i < csv.records.size(); ++i) {
        const CsvRecord& record = csv.records.at(i);
        if (isBlank(record))
            continue;
        if (record.fields.size() != columns.size()) {
            result.errors << LineError {record.line,
                tr("This line has %1 values but the header has %2 columns")
                    .arg(record.fields.size())
                    .arg(columns.size())};
            continue;
        }
        ReferralRow row;
        row.line = record.line;
        Problems problems = readRow(valuesOf(record, columns), today, row);
        const QString reference = row.caseRecord.reference;
        if (!reference.isEmpty() && referenceLines.contains(reference))
            problems << tr("reference %1 is also used on line %2")
                            .arg(reference)
                            .arg(referenceLines.value(reference));
        else if (!reference.isEmpty())
            referenceLines.insert(reference, record.line);
        for (const QString& problem : std::as_const(problems))
            result.errors << LineError {record.line, problem};
        if (problems.isEmpty())
            result.rows << row;
    }
    return result;
}

QHash<QString, qsizetype> ReferralCsv::readHeader(const CsvRecord& header, Result& result)
{
    QHash<QString, qsizetype> columns;
    QStringList unknown;
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields.at(i).trimmed().toLower();
        if (!ReferralCsv::columns().contains(name))
            unknown << QStringLiteral("\"%1\"").arg(header.fields.at(i));
        else if (columns.contains(name))
            result.errors << LineError {header.line, tr("Column %1 appears more than once").arg(name)};
        columns.insert(name, i);
    }
    if (!unknown.isEmpty())
        result.errors << LineError {header.line,
            tr("Unknown columns: %1; the columns allowed are: %2")
                .arg(unknown.join(QStringLiteral(", ")), ReferralCsv::columns().join(QStringLiteral(", ")))};
    QStringList missing;
    for (const QString& name : requiredColumns()) {
        if (!columns.contains(name))
            missing << name;
    }
    if (!missing.isEmpty())
        result.errors << LineError {
            header.line, tr("Required columns are missing: %1").arg(missing.join(QStringLiteral(", ")))};
    if (!columns.contains(QStringLiteral("given_name")) && !columns.contains(QStringLiteral("family_name")))
        result.errors << LineError {header.line, tr("The file needs a given_name or a family_name column")};
    return columns;
}

// Spreadsheets often save empty rows as a line of commas; they are not referrals.
bool ReferralCsv::isBlank(const CsvRecord& record)
{
    return std::all_of(
        record.fields.cbegin(), record.fields.cend(), [](const QString& f) { return f.trimmed().isEmpty(); });
}

ReferralCsv::Values ReferralCsv::valuesOf(const CsvRecord& record, const QHash<QString, qsizetype>& columns)
{
    Values values;
    for (auto it = columns.cbegin(); it != columns.cend(); ++it)
        values.insert(it.key(), record.fields.at(it.value()).trimmed());
    return values;
}

ReferralCsv::Problems ReferralCsv::readRow(const Values& v, const QDate& today, ReferralRow& row)
{
    Problems problems;
    const QString reference = v.value(QStringLiteral("reference"));
    if (!reference.isEmpty() && !CaseReference::parse(reference, nullptr, nullptr))
        problems << tr("reference \"%1\" is not a case reference like PVT-2025-0042").arg(reference);
    else
        row.caseRecord.reference = reference;
    readDates(v, today, row, problems);
    readPerson(v, row, problems);
    readCase(v, row, problems);
    readNeeds(v, row, problems);
    readClosure(v, today, row, problems);
    return problems;
}

void ReferralCsv::addIfProblem(Problems& problems, const QString& problem)
{
    if (!problem.isEmpty())
        problems << problem;
}

void ReferralCsv::readDates(const Values& v, const QDate& today, ReferralRow& row, Problems& problems)
{
    const QString referral = v.value(QStringLiteral("referral_date"));
    const QString referralProblem = Validation::date(referral, QStringLiteral("referral_date"), today);
    addIfProblem(problems, referralProblem);
    if (referralProblem.isEmpty())
        row.caseRecord.referralDate = Validation::parseDate(referral);

    const QString birth = v.value(QStringLiteral("date_of_birth"));
    if (birth.isEmpty())
        return;
    const QString birthProblem = Validation::date(birth, QStringLiteral("date_of_birth"), today);
    addIfProblem(problems, birthProblem);
    if (!birthProblem.isEmpty())
        return;
    row.subject.dateOfBirth = Validation::parseDate(birth);
    if (row.caseRecord.referralDate.isValid() && row.subject.dateOfBirth >= row.caseRecord.referralDate)
        problems << tr("date_of_birth %1 is not before referral_date %2").arg(birth, referral);
}

void ReferralCsv::readPerson(const Values& v, ReferralRow& row, Problems& problems)
{
    row.subject.givenName = readText(v, QStringLiteral("given_name"), nameLimit, false, problems);
    row.subject.familyName = readText(v, QStringLiteral("family_name"), nameLimit, false, problems);
    if (v.value(QStringLiteral("given_name")).isEmpty() && v.value(QStringLiteral("family_name")).isEmpty())
        problems << tr("given_name and family_name are both blank; give at least one");

    const QString nhs = v.value(QStringLiteral("nhs_number"));
    const QString nhsProblem
        = nhs.isEmpty() ? QString() : Validation::nhsNumber(nhs, QStringLiteral("nhs_number"));
    addIfProblem(problems, nhsProblem);
    if (nhsProblem.isEmpty())
        row.subject.nhsNumber = Validation::normaliseNhsNumber(nhs);

    const QString postcode = v.value(QStringLiteral("postcode"));
    const QString postcodeProblem
        = postcode.isEmpty() ? QString() : Validation::postcode(postcode, QStringLiteral("postcode"));
    addIfProblem(problems, postcodeProblem);
    if (postcodeProblem.isEmpty() && !postcode.isEmpty())
        row.subject.postcode = Validation::normalisePostcode(postcode);
}

void ReferralCsv::readCase(const Values& v, ReferralRow& row, Problems& problems)
{
    CaseRecord& c = row.caseRecord;
    row.referringAgencyName = readText(v, QStringLiteral("referring_agency"), agencyLimit, true, problems);
    c.referrerName = readText(v, QStringLiteral("referrer_name"), agencyLimit, false, problems);
    c.reason = readText(v, QStringLiteral("reason"), reasonLimit, true, problems);
    c.consent = readKey(v, QStringLiteral("consent"), Vocabulary::consentStatuses(), problems);
    c.risk = readKey(v, QStringLiteral("risk"), Vocabulary::riskLevels(), problems);
    c.status = readKey(v, QStringLiteral("status"), Vocabulary::caseStatuses(), problems);
    c.statusDate = c.referralDate;
}

void ReferralCsv::readNeeds(const Values& v, ReferralRow& row, Problems& problems)
{
    const QStringList parts = v.value(QStringLiteral("needs")).split(QLatin1Char(';'));
    for (const QString& part : parts) {
        const QString key = part.trimmed().toLower();
        if (key.isEmpty() || row.needs.contains(key))
            continue;
        if (Vocabulary::needs().contains(key))
            row.needs << key;
        else
            problems << Vocabulary::needs().unknownKeyMessage(QStringLiteral("needs"), part.trimmed());
    }
}

void ReferralCsv::readClosure(const Values& v, const QDate& today, ReferralRow& row, Problems& problems)
{
    CaseRecord& c = row.caseRecord;
    const QString closed = v.value(QStringLiteral("closed_date"));
    const QString reason = v.value(QStringLiteral("closure_reason"));
    if (c.status.isEmpty())
        return; // the status itself was wrong; that is the problem to report
    if (c.status != QLatin1String("closed")) {
        if (!closed.isEmpty())
            problems << tr("closed_date is given but status is %1; only a closed case has a closed date")
                            .arg(c.status);
        if (!reason.isEmpty())
            problems << tr(
                "closure_reason is given but status is %1; only a closed case has a closure reason")
                            .arg(c.status);
        return;
    }
    const QString dateProblem = closed.isEmpty()
        ? tr("closed_date is blank; a closed case needs the date it closed, as yyyy-mm-dd")
        : Validation::date(closed, QStringLiteral("closed_date"), today);
    addIfProblem(problems, dateProblem);
    if (dateProblem.isEmpty()) {
        c.closedDate = Validation::parseDate(closed);
        c.statusDate = c.closedDate;
        if (c.referralDate.isValid() && c.closedDate < c.referralDate)
            problems << tr("closed_date %1 is before referral_date %2")
                            .arg(closed, c.referralDate.toString(Qt::ISODate));
    }
    if (reason.isEmpty())
        problems << tr("closure_reason is blank; a closed case needs one of: %1")
                        .arg(Vocabulary::closureReasons().keys().join(QStringLiteral(", ")));
    else
        c.closureReason
            = readKey(v, QStringLiteral("closure_reason"), Vocabulary::closureReasons(), problems);
}

// Keys are matched case-insensitively ("High" is high). Returns the key, or empty after
// recording the problem.
QString ReferralCsv::readKey(
    const Values& v, const QString& column, const Vocabulary& vocabulary, Problems& problems)
{
    const QString value = v.value(column);
    if (value.isEmpty()) {
        problems << tr("%1 is blank; it must be one of: %2")
                        .arg(column, vocabulary.keys().join(QStringLiteral(", ")));
        return QString();
    }
    const QString key = value.toLower();
    if (vocabulary.contains(key))
        return key;
    problems << vocabulary.unknownKeyMessage(column, value);
    return QString();
}

QString ReferralCsv::readText(
    const Values& v, const QString& column, int maxLength, bool required, Problems& problems)
{
    const QString value = v.value(column);
    const QString problem = required ? Validation::requiredText(value, column, maxLength)
                                     : Validation::optionalText(value, column, maxLength);
    addIfProblem(problems, problem);
    return problem.isEmpty() ? value : QString();
}
