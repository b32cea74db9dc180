#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class PeriodReport;

// The period report's figures as CSV rows of section, key, value, for a spreadsheet. The
// names are those of `casebook-cli report --json` (a nested key joined with "."), so the two
// can be compared line by line and a figure added to the report appears here unasked.
// Aggregate counts and means only: nothing in it names a person.
class PeriodFiguresCsv
{
public:
    static QList<QStringList> rows(const PeriodReport& report); // the header row first
    static QString text(const PeriodReport& report);
};
