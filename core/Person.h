#pragma once

#include "RowMeta.h"

#include <QDate>

// Someone the team works with: the subject of a case, or a household member, carer or
// other linked person. Personal data: it never leaves the encrypted store except on request.
struct Person
{
    RowMeta meta;
    QString givenName;
    QString familyName;
    QString preferredName;
    QDate dateOfBirth;
    QString nhsNumber; // 10 digits, no spaces, or empty
    QString address;
    QString postcode; // normalised "AA9A 9AA" form, or empty
    QString ward;
    QString phone;
    QString email;
    QString preferredLanguage;
    QString gpPractice;
    QString accessNeeds;

    QString fullName() const
    {
        if (givenName.isEmpty())
            return familyName;
        if (familyName.isEmpty())
            return givenName;
        return givenName + QLatin1Char(' ') + familyName;
    }
};
