#include "StoreEditCommand.h"

#include <utility>

StoreEditCommand::StoreEditCommand(const QString& text, Step undoStep, Step redoStep, Failure onFailure)
    : QUndoCommand(text)
    , m_undo(std::move(undoStep))
    , m_redo(std::move(redoStep))
    , m_onFailure(std::move(onFailure))
{ }

void StoreEditCommand::undo()
{
    run(m_undo);
}

void StoreEditCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false; // the editor has already written it
        return;
    }
    run(m_redo);
}

void StoreEditCommand::run(const Step& step)
{
    const QString problem = step();
    if (problem.isEmpty())
        return;
    setObsolete(true);
    if (m_onFailure)
        m_onFailure(problem);
}
