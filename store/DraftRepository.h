#pragma once

#include <QString>

#include <optional>

class Store;

// Unsaved editor content parked inside the encrypted store (on lock, or while typing) so
// it survives a lock or a crash without ever being written in plaintext. A draft belongs
// to one editor, named by a key such as "note:<case id>". Not synced, not audited: it is
// the worker's own unfinished text, not part of the record until saved.
class DraftRepository
{
public:
    explicit DraftRepository(Store& store);

    void save(const QString& key, const QString& caseId, const QString& content);
    std::optional<QString> load(const QString& key);
    void discard(const QString& key);
    int count();

private:
    Store& m_store;
};
