#pragma once

// Helpers shared by the model suites: a session over a fresh store with fast key
// derivation, and cases built in one call.

#include "models/StoreSession.h"
#include "store/CaseRepository.h"
#include "store/KeyDerivation.h"
#include "store/PersonRepository.h"
#include "store/Store.h"

#include <QAbstractItemModel>
#include <QDate>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace ModelTestSupport {

// The weakest parameters a store accepts, so each test derives its key in milliseconds.
inline KdfParams fastParams()
{
    return KeyDerivation::freshParams(KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit);
}

inline QByteArray passphrase()
{
    return QByteArrayLiteral("correct horse battery staple");
}

// A temporary directory and an unlocked session on a new store inside it.
struct SessionFixture
{
    SessionFixture()
        : dir(std::make_unique<QTemporaryDir>())
        , session(std::make_unique<StoreSession>())
    {
        session->setStorePath(dir->filePath(QStringLiteral("s.store")));
        error = session->create(passphrase(), fastParams(), QStringLiteral("tester"));
    }

    Store& store() const { return *session->store(); }

    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<StoreSession> session;
    QString error;
};

struct CaseSpec
{
    QString reference;
    QDate referralDate;
    QString status = QStringLiteral("open");
    QString risk = QStringLiteral("low");
    QString leadWorker = QStringLiteral("Sam Patel");
    QString subjectGiven;
    QString subjectFamily;
    QDate reviewDate;
    QString referringAgencyId;
    QDate statusDate; // when the status was reached: the closing date of a closed case
};

inline CaseSpec caseSpec(const QString& reference, const QDate& referralDate)
{
    CaseSpec spec;
    spec.reference = reference;
    spec.referralDate = referralDate;
    return spec;
}

inline CaseRecord addCase(Store& store, const CaseSpec& spec)
{
    CaseRecord c;
    c.reference = spec.reference;
    c.referralDate = spec.referralDate;
    c.status = spec.status;
    c.risk = spec.risk;
    c.leadWorker = spec.leadWorker;
    c.reviewDate = spec.reviewDate;
    c.referringAgencyId = spec.referringAgencyId;
    c.statusDate = spec.statusDate;
    if (spec.status == QLatin1String("closed") && spec.statusDate.isValid()) {
        c.closedDate = spec.statusDate;
        c.closureReason = QStringLiteral("outcomes-met");
    }
    c.reason = QStringLiteral("Referred for support");
    CaseRepository cases(store);
    cases.add(c);
    if (!spec.subjectGiven.isEmpty() || !spec.subjectFamily.isEmpty()) {
        Person p;
        p.givenName = spec.subjectGiven;
        p.familyName = spec.subjectFamily;
        PersonRepository(store).add(p, c.reference);
        CasePerson link;
        link.caseId = c.meta.id;
        link.personId = p.meta.id;
        link.role = QStringLiteral("subject");
        cases.linkPerson(link, c.reference);
    }
    return c;
}

// A referral from an agency (none when agencyId is empty), open unless status says
// otherwise; ended is the date a closed or declined case reached that status.
inline CaseRecord addReferral(Store& store, const QDate& referral, const QString& agencyId,
    const QString& status = QStringLiteral("open"), const QDate& ended = QDate())
{
    CaseSpec spec;
    spec.referralDate = referral;
    spec.referringAgencyId = agencyId;
    spec.status = status;
    spec.statusDate = ended.isValid() ? ended : referral;
    return addCase(store, spec);
}

inline QString display(const QAbstractItemModel& model, int row, int column)
{
    return model.data(model.index(row, column), Qt::DisplayRole).toString();
}

inline QVariant roleData(const QAbstractItemModel& model, int row, int column, int role)
{
    return model.data(model.index(row, column), role);
}

} // namespace ModelTestSupport
