#pragma once

#include <QLoggingCategory>

// casebook.models: read failures the models swallow so that no exception crosses Qt's event
// loop. Messages are StoreError sentences, which never carry personal data.
Q_DECLARE_LOGGING_CATEGORY(lcModels)
