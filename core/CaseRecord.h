#pragma once

#include "RowMeta.h"

#include <QDate>

// A PIVOT case. Enumerated fields hold keys of the matching Vocabulary.
struct CaseRecord
{
    RowMeta meta;
    QString reference; // PVT-YYYY-NNNN
    QString status = QStringLiteral("referred");
    QDate referralDate;
    QString referringAgencyId;
    QString referrerName;
    QString referrerContact;
    QString reason;
    QString consent = QStringLiteral("not-sought");
    QDate consentDate;
    QString consentRecordedBy;
    QString lawfulBasis; // required when information is shared without consent
    QString risk = QStringLiteral("low");
    QString riskRationale;
    QString leadWorker;
    QDate reviewDate;
    QDate statusDate; // date of the last lifecycle change
    QDate closedDate;
    QString closureReason;
    QString declineReason;
};
