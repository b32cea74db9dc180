#pragma once

#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

// The line that says, in plain words, what is wrong with a field: bold rather than coloured
// (it must stand out in any theme and without colour vision), selectable, and hidden with
// its form row while there is nothing to say, so a good field leaves no gap under it.
class FieldProblem
{
public:
    static QLabel* label(const QString& accessibleName, QWidget* parent);
    // A problem row under the last field added to form, or across the whole form.
    static QLabel* addRow(QFormLayout* form, const QString& accessibleName, bool acrossForm);
    // Shows problem, or hides the label (and its form row) when problem is empty.
    static void show(QLabel* label, const QString& problem);
};
