#pragma once

// Helpers shared by the widget suites: temporary settings, fast stores and screenshots.

#include "cli/DemoCommand.h"
#include "models/StoreSession.h"
#include "store/KeyDerivation.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>
#include <QWidget>

#include <memory>

namespace UiTestSupport {

// The weakest parameters a store accepts, so each test derives its key in milliseconds.
inline KdfParams fastParams()
{
    return KeyDerivation::freshParams(KdfParams::MinimumOpsLimit, KdfParams::MinimumMemLimit);
}

inline QByteArray passphrase()
{
    return QByteArrayLiteral("correct horse battery staple");
}

inline std::unique_ptr<Store> createStore(const QString& path)
{
    return Store::create(path, passphrase(), fastParams(), QStringLiteral("tester"));
}

// A store of fictional demo cases at path and a (still locked) session pointing at it.
inline std::unique_ptr<StoreSession> demoSession(const QString& path, int cases, quint32 seed)
{
    {
        auto store = createStore(path);
        DemoCommand::populate(*store, cases, seed, QDate::currentDate());
    }
    auto session = std::make_unique<StoreSession>();
    session->setStorePath(path);
    return session;
}

// A fresh store at path with `cases` fictional demo cases, unlocked as "tester"; null (with a
// warning) when it could not be made.
inline std::unique_ptr<StoreSession> unlockedDemoSession(const QString& path, int cases, quint32 seed)
{
    if (!createStore(path))
        return nullptr;
    auto session = std::make_unique<StoreSession>();
    session->setStorePath(path);
    const QString problem = session->unlock(passphrase(), QStringLiteral("tester"));
    if (!problem.isEmpty()) {
        qWarning("unlock: %s", qPrintable(problem));
        return nullptr;
    }
    DemoCommand::populate(*session->store(), cases, seed, QDate::currentDate());
    return session;
}

// Points QSettings (and so AppSettings) at a fresh folder under a throwaway organisation,
// so nothing touches the real configuration.
inline void useTemporarySettings(const QTemporaryDir& dir)
{
    QCoreApplication::setOrganizationName(
        QStringLiteral("casebook-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCoreApplication::setApplicationName(QStringLiteral("casebook-test"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

// Renders a widget as a user would see it, for looking at the layout.
inline bool saveShot(QWidget& widget, const QString& name)
{
    const QString dir = QStringLiteral("/tmp/ui-shots");
    QDir().mkpath(dir);
    return widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace UiTestSupport
