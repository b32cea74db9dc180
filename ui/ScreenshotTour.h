#pragma once

#include <QPalette>
#include <QString>

class MainWindow;
class StoreSession;

// casebook --screenshot DIR: unlocks with CASEBOOK_PASSPHRASE, opens the first case and
// saves each main screen as a PNG, so the screens can be looked at (and shown in the
// README) without clicking through by hand. The dashboard is saved in the desktop's palette
// and again in a dark one.
class ScreenshotTour
{
public:
    static bool run(MainWindow& window, StoreSession& session, const QString& directory);
    // Close to what KDE's Breeze Dark and Windows' dark mode hand a Qt application (the dark
    // palette tests check readability against).
    static QPalette darkPalette();
};
