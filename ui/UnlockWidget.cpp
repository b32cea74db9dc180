#include "UnlockWidget.h"

#include "AppSettings.h"
#include "models/StoreSession.h"

#include <QApplication>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace { } // namespace

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
    auto* other = new QPushButton(tr("Use a &different store…"), column);
    other->setObjectName(QStringLiteral("differentStoreButton"));
    other->setFlat(true);
    other->setCursor(Qt::PointingHandCursor);
    otherRow->addWidget(other);
    otherRow->addStretch(1);
    layout->addLayout(otherRow);
    layout->addStretch(2);

    setTabOrder(m_passphrase, m_unlockButton);
    setTabOrder(m_unlockButton, other);
    setFocusProxy(m_passphrase);

    connect(m_passphrase, &QLineEdit::returnPressed, this, &UnlockWidget::unlock);
    connect(m_unlockButton, &QPushButton::clicked, this, &UnlockWidget::unlock);
    connect(other, &QPushButton::clicked, this, &UnlockWidget::differentStoreRequested);
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

void UnlockWidget::unlock()
{
    if (m_passphrase->text().isEmpty()) {
        showMessage(tr("Enter the store's passphrase."));
        m_passphrase->setFocus();
        return;
    }

    // Key derivation (Argon2id, about half a second) runs on the GUI thread for now, with a
    // busy cursor and the button disabled; moving it to a worker thread is the next step.
    m_unlockButton->setEnabled(false);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QByteArray secret = m_passphrase->text().toUtf8();
    m_passphrase->clear();
    const QString problem = m_session.unlock(secret, m_actor);
    secret.fill('\0');
    QApplication::restoreOverrideCursor();
    m_unlockButton->setEnabled(true);

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
