#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

// How the models show dates and times: UK day-first dates, local time for timestamps (the
// store keeps UTC). One place so every table and the workspace agree.
class DisplayFormat
{
public:
    static QString date(const QDate& date); // dd/MM/yyyy, empty when not set
    static QString dateTime(const QDateTime& utc); // dd/MM/yyyy HH:mm in local time
};
