#pragma once

#include <QString>
#include <QUndoCommand>

#include <functional>

// An edit that is already in the store, kept on the open case's undo stack. Undo and redo
// are new writes (each with its outbox and audit rows), because a synced record is never
// rolled back in place: undoing writes the previous values back as a fresh change.
//
// Editors write first, and push this only when the write succeeded, so the first redo()
// (QUndoStack::push calls it) does nothing. A step that fails later (the record changed
// elsewhere, the store locked) reports through the failure callback and marks the command
// obsolete so the stack drops it instead of offering an undo that cannot work.
class StoreEditCommand : public QUndoCommand
{
public:
    // Each step returns an empty string when written, otherwise why not, in plain words.
    using Step = std::function<QString()>;
    using Failure = std::function<void(const QString& message)>;

    StoreEditCommand(const QString& text, Step undoStep, Step redoStep, Failure onFailure);

    void undo() override;
    void redo() override;

private:
    void run(const Step& step);

    Step m_undo;
    Step m_redo;
    Failure m_onFailure;
    bool m_firstRedo = true;
};
