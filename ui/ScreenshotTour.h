#pragma once

#include <QString>

class MainWindow;
class StoreSession;

// casebook --screenshot DIR: unlocks with CASEBOOK_PASSPHRASE, opens the first case and
// saves each main screen as a PNG, so the screens can be looked at (and shown in the
// README) without clicking through by hand.
class ScreenshotTour
{
public:
    static bool run(MainWindow& window, StoreSession& session, const QString& directory);
};
