#include "WelcomeWidget.h"

#include "AppSettings.h"
#include "PassphraseStrength.h"
#include "models/StoreSession.h"
#include "store/KeyDerivation.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace {
QLabel* problemLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Expanding, so the form gives it the field column's full width rather than wrapping it
    // into a narrow column.
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    label->setVisible(false);
    return label;
}

// A form cell holding a field row and, under it, the message about that field. (A message
// in a row of its own gets a height computed for a narrower column and leaves a gap.)
QLayout* withProblem(QLayout* fieldRow, QLabel* problem)
{
    auto* cell = new QVBoxLayout;
    cell->setContentsMargins(0, 0, 0, 0);
    cell->setSpacing(4);
    cell->addLayout(fieldRow);
    cell->addWidget(problem);
    return cell;
}

// A form label whose row may grow a message under its field: the label fills the row and
// keeps its text level with the field's instead of drifting to the middle of the row.
void keepLevelWith(QLabel* label, QWidget* field)
{
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    const int gap = field->sizeHint().height() - label->sizeHint().height();
    label->setContentsMargins(0, std::max(0, gap / 2), 0, 0);
}

} // namespace

WelcomeWidget::WelcomeWidget(StoreSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_actor(AppSettings::osUserName())
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(16);

    auto* title = new QLabel(tr("Welcome to Pivot Casebook"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto* intro = new QLabel(tr("Your team's case records are kept in a store: one encrypted file on this "
                                "laptop that works without a network connection. Only someone who knows its "
                                "passphrase can open it, and a forgotten passphrase cannot be recovered."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    // Create a new store.
    auto* createGroup = new QGroupBox(tr("Create a new store"), this);
    auto* form = new QFormLayout(createGroup);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_location = new QLineEdit(createGroup);
    m_location->setObjectName(QStringLiteral("locationEdit"));
    m_location->setAccessibleName(tr("Location of the new store"));
    m_location->setText(defaultStoreLocation());
    auto* browse = new QPushButton(tr("&Browse…"), createGroup);
    browse->setObjectName(QStringLiteral("browseButton"));
    browse->setAccessibleName(tr("Choose where to save the new store"));
    auto* locationRow = new QHBoxLayout;
    locationRow->addWidget(m_location, 1);
    locationRow->addWidget(browse);
    auto* locationLabel = new QLabel(tr("&Location:"), createGroup);
    locationLabel->setBuddy(m_location);
    keepLevelWith(locationLabel, m_location);
    m_locationProblem = problemLabel(QStringLiteral("locationProblem"), createGroup);
    form->addRow(locationLabel, withProblem(locationRow, m_locationProblem));

    m_passphrase = new QLineEdit(createGroup);
    m_passphrase->setObjectName(QStringLiteral("passphraseEdit"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("New passphrase"));
    auto* passphraseLabel = new QLabel(tr("&Passphrase:"), createGroup);
    passphraseLabel->setBuddy(m_passphrase);
    form->addRow(passphraseLabel, m_passphrase);

    // Strength: a bar and a word, so it does not depend on colour.
    m_strengthBar = new QProgressBar(createGroup);
    m_strengthBar->setObjectName(QStringLiteral("strengthBar"));
    m_strengthBar->setRange(0, PassphraseStrength::MaximumScore + 1);
    m_strengthBar->setTextVisible(false);
    m_strengthBar->setMaximumHeight(m_strengthBar->fontMetrics().height() / 2 + 4);
    m_strengthBar->setAccessibleName(tr("Passphrase strength"));
    m_strengthVerdict = new QLabel(createGroup);
    m_strengthVerdict->setObjectName(QStringLiteral("strengthVerdict"));
    m_strengthVerdict->setMinimumWidth(m_strengthVerdict->fontMetrics().horizontalAdvance(
                                           PassphraseStrength::verdict(PassphraseStrength::MaximumScore))
        + 8);
    auto* strengthRow = new QHBoxLayout;
    strengthRow->addWidget(m_strengthBar, 1);
    strengthRow->addWidget(m_strengthVerdict);
    auto* strengthLabel = new QLabel(tr("Strength:"), createGroup);
    keepLevelWith(strengthLabel, m_strengthVerdict);
    m_passphraseProblem = problemLabel(QStringLiteral("passphraseProblem"), createGroup);
    form->addRow(strengthLabel, withProblem(strengthRow, m_passphraseProblem));

    m_repeat = new QLineEdit(createGroup);
    m_repeat->setObjectName(QStringLiteral("repeatEdit"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_repeat->setAccessibleName(tr("Repeat the new passphrase"));
    auto* repeatLabel = new QLabel(tr("&Repeat passphrase:"), createGroup);
    repeatLabel->setBuddy(m_repeat);
    keepLevelWith(repeatLabel, m_repeat);
    m_repeatProblem = problemLabel(QStringLiteral("repeatProblem"), createGroup);
    auto* repeatRow = new QHBoxLayout;
    repeatRow->addWidget(m_repeat);
    form->addRow(repeatLabel, withProblem(repeatRow, m_repeatProblem));

    m_createButton = new QPushButton(tr("&Create store"), createGroup);
    m_createButton->setObjectName(QStringLiteral("createButton"));
    m_createButton->setDefault(true);
    m_busyLabel = new QLabel(tr("Creating the store…"), createGroup);
    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyBar = new QProgressBar(createGroup);
    m_busyBar->setObjectName(QStringLiteral("busyBar"));
    m_busyBar->setRange(0, 0); // a moving bar: the window is working, not frozen
    m_busyBar->setTextVisible(false);
    m_busyBar->setAccessibleName(tr("Creating the store"));
    m_busyBar->setMaximumHeight(m_busyLabel->fontMetrics().height());
    auto* createRow = new QHBoxLayout;
    createRow->addWidget(m_busyLabel);
    createRow->addWidget(m_busyBar, 1);
    createRow->addStretch(1);
    createRow->addWidget(m_createButton);
    form->addRow(createRow);
    m_createProblem = problemLabel(QStringLiteral("createProblem"), createGroup);
    form->addRow(m_createProblem);
    layout->addWidget(createGroup);

    // Open an existing store.
    auto* openGroup = new QGroupBox(tr("Open an existing store"), this);
    auto* openLayout = new QHBoxLayout(openGroup);
    auto* openText
        = new QLabel(tr("Use a store this laptop already has, or one copied from a backup."), openGroup);
    openText->setWordWrap(true);
    auto* openButton = new QPushButton(tr("&Open existing store…"), openGroup);
    openButton->setObjectName(QStringLiteral("openButton"));
    openLayout->addWidget(openText, 1);
    openLayout->addWidget(openButton);
    layout->addWidget(openGroup);
    layout->addStretch(1);

    setTabOrder(m_location, browse);
    setTabOrder(browse, m_passphrase);
    setTabOrder(m_passphrase, m_repeat);
    setTabOrder(m_repeat, m_createButton);
    setTabOrder(m_createButton, openButton);
    setFocusProxy(m_passphrase);

    connect(browse, &QPushButton::clicked, this, &WelcomeWidget::browseLocation);
    connect(openButton, &QPushButton::clicked, this, &WelcomeWidget::openExisting);
    connect(m_createButton, &QPushButton::clicked, this, &WelcomeWidget::create);
    // Enter in any field creates (default buttons only work inside dialogs).
    for (QLineEdit* field : {m_location, m_passphrase, m_repeat})
        connect(field, &QLineEdit::returnPressed, this, &WelcomeWidget::create);
    connect(m_passphrase, &QLineEdit::textChanged, this, &WelcomeWidget::updateStrength);
    connect(m_passphrase, &QLineEdit::textEdited, m_passphraseProblem, &QLabel::hide);
    connect(m_repeat, &QLineEdit::textEdited, m_repeatProblem, &QLabel::hide);
    connect(m_location, &QLineEdit::textEdited, m_locationProblem, &QLabel::hide);
    connect(&m_session, &StoreSession::createFinished, this, &WelcomeWidget::createFinished);
    m_busyDisabled = {m_location, browse, m_passphrase, m_repeat, m_createButton, openButton};
    setBusy(false);
    updateStrength();
}

QString WelcomeWidget::defaultStoreLocation()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/casebook.store");
}

void WelcomeWidget::setStoreLocation(const QString& path)
{
    m_location->setText(QDir::toNativeSeparators(path));
}

QString WelcomeWidget::storeLocation() const
{
    return QDir::fromNativeSeparators(m_location->text().trimmed());
}

void WelcomeWidget::browseLocation()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Where to save the new store"),
        storeLocation(), tr("Casebook stores (*.store)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        setStoreLocation(path);
}

void WelcomeWidget::openExisting()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open an existing store"),
        QFileInfo(storeLocation()).absolutePath(), tr("Casebook stores (*.store);;All files (*)"));
    if (path.isEmpty())
        return;
    m_session.setStorePath(path);
    emit existingStoreChosen(path);
}

void WelcomeWidget::updateStrength()
{
    const QString passphrase = m_passphrase->text();
    const int score = passphrase.isEmpty() ? 0 : PassphraseStrength::score(passphrase);
    // One step per score plus one, so even a very weak passphrase shows a sliver of bar.
    m_strengthBar->setValue(passphrase.isEmpty() ? 0 : score + 1);
    const QString verdict = passphrase.isEmpty() ? QString() : PassphraseStrength::verdict(score);
    m_strengthVerdict->setText(verdict);
    m_strengthBar->setAccessibleDescription(verdict);
}

void WelcomeWidget::showProblem(QLabel* label, QLineEdit* field, const QString& problem)
{
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
    if (field)
        field->setAccessibleDescription(problem);
}

void WelcomeWidget::clearProblems()
{
    showProblem(m_locationProblem, m_location, QString());
    showProblem(m_passphraseProblem, m_passphrase, QString());
    showProblem(m_repeatProblem, m_repeat, QString());
    showProblem(m_createProblem, nullptr, QString());
}

void WelcomeWidget::create()
{
    if (!m_creatingPath.isEmpty() || m_session.isOpening())
        return;
    clearProblems();
    const QString path = storeLocation();
    if (path.isEmpty()) {
        showProblem(m_locationProblem, m_location, tr("Choose where to save the new store."));
        m_location->setFocus();
        return;
    }
    if (QFileInfo::exists(path)) {
        showProblem(m_locationProblem, m_location,
            tr("There is already a file at this location. Choose another name, or open it as an existing "
               "store."));
        m_location->setFocus();
        return;
    }
    const QString passphrase = m_passphrase->text();
    if (const QString refusal = PassphraseStrength::refusal(passphrase); !refusal.isEmpty()) {
        showProblem(m_passphraseProblem, m_passphrase, refusal);
        m_passphrase->setFocus();
        m_passphrase->selectAll();
        return;
    }
    if (m_repeat->text() != passphrase) {
        showProblem(
            m_repeatProblem, m_repeat, tr("The two passphrases are different. Type the same one twice."));
        m_repeat->clear();
        m_repeat->setFocus();
        return;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        showProblem(m_locationProblem, m_location,
            tr("The folder for the new store could not be created. Choose another location."));
        m_location->setFocus();
        return;
    }

    KdfParams params = m_testParams.value_or(KdfParams());
    if (params.salt.isEmpty())
        params = KeyDerivation::freshParams(params.opsLimit, params.memLimit);

    QByteArray secret = passphrase.toUtf8();
    m_session.setStorePath(path);
    // Moved, so the session's wipe reaches the only copy of these bytes.
    if (!m_session.createInBackground(std::move(secret), params, m_actor)) {
        showProblem(m_createProblem, nullptr, tr("A store is already being opened; wait for it to finish."));
        return;
    }
    m_creatingPath = path;
    setBusy(true);
}

void WelcomeWidget::setBusy(bool busy)
{
    for (QWidget* widget : std::as_const(m_busyDisabled))
        widget->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
    m_busyBar->setVisible(busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void WelcomeWidget::createFinished(const QString& problem)
{
    if (m_creatingPath.isEmpty())
        return; // not ours
    const QString path = std::exchange(m_creatingPath, QString());
    setBusy(false);
    if (!problem.isEmpty()) {
        showProblem(m_createProblem, nullptr, problem);
        m_createButton->setFocus();
        return;
    }
    m_passphrase->clear();
    m_repeat->clear();
    emit storeCreated(path);
}
