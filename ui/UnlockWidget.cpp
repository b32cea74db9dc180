#include "UnlockWidget.h"

#include "AppSettings.h"
#include "models/StoreSession.h"

#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <utility>

UnlockWidget::UnlockWidget(StoreSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_actor(AppSettings::osUserName())
{
    // A centred column of bounded width, as in KeePassXC's unlock screen.
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto* column = new QWidget(this);
    column->setMaximumWidth(520);
    column->setMinimumWidth(360);
    outer->addWidget(column, 4);
    outer->addStretch(1);

    auto* layout = new QVBoxLayout(column);
    layout->setSpacing(12);
    layout->addStretch(1);

    auto* title = new QLabel(tr("Unlock your case store"), column);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    m_path = new QLabel(column);
    m_path->setObjectName(QStringLiteral("storePath"));
    m_path->setWordWrap(true);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setTextFormat(Qt::PlainText);
    layout->addWidget(m_path);

    // The label sits close to its field; the column's wider spacing separates the groups.
    auto* passphraseLabel = new QLabel(tr("&Passphrase:"), column);
    auto* field = new QVBoxLayout;
    field->setSpacing(4);
    field->addWidget(passphraseLabel);
    auto* row = new QHBoxLayout;
    m_passphrase = new QLineEdit(column);
    m_passphrase->setObjectName(QStringLiteral("passphraseEdit"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Passphrase"));
    passphraseLabel->setBuddy(m_passphrase);
    m_unlockButton = new QPushButton(tr("&Unlock"), column);
    m_unlockButton->setObjectName(QStringLiteral("unlockButton"));
    m_unlockButton->setDefault(true);
    row->addWidget(m_passphrase, 1);
    row->addWidget(m_unlockButton);
    field->addLayout(row);
    layout->addLayout(field);

    // Shown while the key is derived: words and a moving bar, so it is not a frozen window.
    auto* busyRow = new QHBoxLayout;
    m_busyLabel = new QLabel(tr("Unlocking…"), column);
    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyBar = new QProgressBar(column);
    m_busyBar->setObjectName(QStringLiteral("busyBar"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setAccessibleName(tr("Unlocking"));
    m_busyBar->setMaximumHeight(m_busyLabel->fontMetrics().height());
    busyRow->addWidget(m_busyLabel);
    busyRow->addWidget(m_busyBar, 1);
    layout->addLayout(busyRow);

    // The message is words with a warning icon, not colour alone.
    m_messageIcon = new QLabel(column);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_messageIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    m_messageIcon->setAlignment(Qt::AlignTop);
    m_messageIcon->setVisible(false);
    m_message = new QLabel(column);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    auto* messageRow = new QHBoxLayout;
    messageRow->addWidget(m_messageIcon);
    messageRow->addWidget(m_message, 1);
    layout->addLayout(messageRow);

    auto* otherRow = new QHBoxLayout;
    m_differentStore = new QPushButton(tr("Use a &different store…"), column);
    m_differentStore->setObjectName(QStringLiteral("differentStoreButton"));
    m_differentStore->setFlat(true);
    m_differentStore->setCursor(Qt::PointingHandCursor);
    otherRow->addWidget(m_differentStore);
    otherRow->addStretch(1);
    layout->addLayout(otherRow);
    layout->addStretch(2);

    setTabOrder(m_passphrase, m_unlockButton);
    setTabOrder(m_unlockButton, m_differentStore);
    setFocusProxy(m_passphrase);

    connect(m_passphrase, &QLineEdit::returnPressed, this, &UnlockWidget::unlock);
    connect(m_unlockButton, &QPushButton::clicked, this, &UnlockWidget::unlock);
    connect(m_differentStore, &QPushButton::clicked, this, &UnlockWidget::differentStoreRequested);
    connect(&m_session, &StoreSession::unlockFinished, this, &UnlockWidget::unlockFinished);
    setBusy(false);
    reset();
}

void UnlockWidget::reset()
{
    m_path->setText(tr("Store: %1").arg(QDir::toNativeSeparators(m_session.storePath())));
    m_passphrase->clear();
    showMessage(QString());
}

void UnlockWidget::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_messageIcon->setVisible(!text.isEmpty());
    m_passphrase->setAccessibleDescription(text);
}

void UnlockWidget::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_path->setText(tr("Store: %1").arg(QDir::toNativeSeparators(m_session.storePath())));
    m_passphrase->setFocus();
}

void UnlockWidget::setBusy(bool busy)
{
    m_passphrase->setEnabled(!busy);
    m_unlockButton->setEnabled(!busy);
    m_differentStore->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
    m_busyBar->setVisible(busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void UnlockWidget::unlock()
{
    if (m_waiting || m_session.isOpening())
        return;
    if (m_passphrase->text().isEmpty()) {
        showMessage(tr("Enter the store's passphrase."));
        m_passphrase->setFocus();
        return;
    }
    showMessage(QString());
    QByteArray secret = m_passphrase->text().toUtf8();
    m_passphrase->clear();
    // Moved, so the session's wipe reaches the only copy of these bytes.
    if (!m_session.unlockInBackground(std::move(secret), m_actor)) {
        showMessage(tr("The store is already being opened; wait for it to finish."));
        return;
    }
    m_waiting = true;
    setBusy(true);
}

void UnlockWidget::unlockFinished(const QString& problem)
{
    if (!m_waiting)
        return; // someone else's unlock
    m_waiting = false;
    setBusy(false);
    if (problem.isEmpty()) {
        reset();
        emit unlocked();
        return;
    }

    QString text = problem;
    if (const int attempts = m_session.failedAttempts(); attempts > 0) {
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
        text = attempts == 1 ? tr("%1 (1 failed attempt).").arg(text)
                             : tr("%1 (%n failed attempts).", nullptr, attempts).arg(text);
    }
    showMessage(text);
    m_passphrase->setFocus();
}
