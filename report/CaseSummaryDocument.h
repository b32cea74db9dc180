#pragma once

#include "CaseSummarySections.h"
#include "ReportDocument.h"
#include "ReportReader.h"
#include "core/Assessment.h"
#include "core/CaseAction.h"
#include "core/CaseNeed.h"
#include "core/CaseNote.h"
#include "core/CaseRecord.h"
#include "core/Person.h"

#include <QCoreApplication>
#include <QHash>

#include <functional>
#include <optional>

class Store;

// The case summary a worker prints for a multi-agency meeting or a home visit, marked
// OFFICIAL-SENSITIVE: the sections the worker chose, in a fixed order. Agency-only notes are
// left out (from the notes and the chronology) unless the printing worker's agency wrote
// them. Reading is not audited here; printing or saving it through DocumentPrinter is.
class CaseSummaryDocument
{
    Q_DECLARE_TR_FUNCTIONS(CaseSummaryDocument)

public:
    struct Options
    {
        CaseSummarySections sections = CaseSummarySections::all();
        int noteLimit = 0; // "Recent notes": the newest N the reader may see; 0 = all of them
        QDateTime printedAt = QDateTime::currentDateTime();
    };

    static QString marking(); // "OFFICIAL-SENSITIVE"

    // Nothing when no case has that reference. Throws StoreError.
    static std::optional<ReportDocument> build(
        Store& store, const QString& reference, const Options& options);

private:
    struct LinkedPerson
    {
        Person person;
        QString role;
    };

    CaseSummaryDocument(Store& store, CaseRecord record, Options options);
    QString toHtml() const;
    QString overview() const;
    QString section(CaseSummarySections::Section section) const;
    QString subjectSection() const;
    QString referralSection() const;
    QString riskSection() const;
    QString needsSection() const;
    QString actionsSection() const;
    QString chronologySection() const;
    QString notesSection() const;
    QString noteHtml(const CaseNote& note) const;
    QString outcomesSection() const;
    QStringList measureRow(const QString& label, const Assessment* baseline, const Assessment* closing,
        const std::function<double(const Assessment&)>& value, int decimals) const;
    const Assessment* latest(const QString& kind, const QString& stage) const;
    QString agencyName(const QString& id) const;
    bool readerMaySee(const CaseNote& note) const;

    CaseRecord m_case;
    Options m_options;
    ReportReader m_reader;
    Person m_subject;
    QList<LinkedPerson> m_others;
    QList<QPair<QString, QString>> m_agencies; // name, contact
    QList<CaseNeed> m_needs;
    QList<CaseAction> m_actions;
    QList<CaseNote> m_notes; // the ones the reader may see, oldest first
    QHash<QString, QDate> m_noteDates; // every note's date, for "corrects the note of"
    QList<Assessment> m_assessments;
    QHash<QString, QString> m_agencyNames;
};
