#pragma once

#include "KdfParams.h"

#include <QString>

// Reads and writes the small JSON file beside a store that holds its Argon2id parameters
// and salt. Nothing secret is in it; it is written atomically (QSaveFile).
class KdfParamsFile
{
public:
    static QString pathFor(const QString& storePath);
    static KdfParams read(const QString& storePath); // throws StoreError
    static void write(const QString& storePath, const KdfParams& params); // throws StoreError
};
