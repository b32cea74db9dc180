#include "FieldProblem.h"

#include <QFormLayout>
#include <QLabel>

QLabel* FieldProblem::label(const QString& accessibleName, QWidget* parent)
{
    auto* problem = new QLabel(parent);
    problem->setWordWrap(true);
    problem->setAccessibleName(accessibleName);
    QFont bold = problem->font();
    bold.setBold(true);
    problem->setFont(bold);
    problem->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    problem->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    problem->hide();
    return problem;
}

QLabel* FieldProblem::addRow(QFormLayout* form, const QString& accessibleName, bool acrossForm)
{
    QLabel* problem = label(accessibleName, form->parentWidget());
    if (acrossForm)
        form->addRow(problem);
    else
        form->addRow(QString(), problem);
    form->setRowVisible(problem, false);
    return problem;
}

void FieldProblem::show(QLabel* label, const QString& problem)
{
    label->setText(problem);
    auto* form
        = label->parentWidget() ? qobject_cast<QFormLayout*>(label->parentWidget()->layout()) : nullptr;
    if (form && form->indexOf(label) >= 0)
        form->setRowVisible(label, !problem.isEmpty());
    else
        label->setVisible(!problem.isEmpty());
}
