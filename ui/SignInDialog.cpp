#include "SignInDialog.h"

#include "AppSettings.h"
#include "FieldProblem.h"
#include "models/StoreSession.h"
#include "store/StoreError.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSysInfo>
#include <QThread>
#include <QVBoxLayout>

SignInDialog::SignInDialog(StoreSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Sign in to the sync server"));
    buildForm();
    // Wide enough for the fingerprint on two lines and the placeholder in full.
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
}

SignInDialog::~SignInDialog()
{
    m_attempt.password.fill('\0');
}

void SignInDialog::buildForm()
{
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Sign in with the username and password the team's administrator gave you. "
                                "Changes made on this laptop are sent to the server and the team's changes "
                                "come back."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_server = new QLineEdit(this);
    m_server->setObjectName(QStringLiteral("signInServer"));
    m_server->setPlaceholderText(tr("https://casebook.example.gov.uk:8443"));
    m_server->setAccessibleName(tr("Sync server address"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("signInUser"));
    m_user->setAccessibleName(tr("Username on the sync server"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("signInPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password on the sync server"));
    const auto addRow = [&](const QString& text, QLineEdit* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(tr("&Server:"), m_server);
    addRow(tr("&Username:"), m_user);
    addRow(tr("&Password:"), m_password);
    layout->addLayout(form);
    if (Store* store = m_session.store()) {
        SyncAccount account(*store);
        m_server->setText(account.serverUrl());
        m_user->setText(account.username());
    }
    if (m_server->text().isEmpty())
        m_server->setText(AppSettings().value(AppSettings::Key::SyncServerUrl).toString());

    layout->addWidget(m_trustPanel = buildTrustPanel());
    m_problem = FieldProblem::label(tr("Sign-in problem"), this);
    layout->addWidget(m_problem);
    FieldProblem::show(m_problem, QString());
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setAccessibleName(tr("Contacting the server"));
    m_busy->setTextVisible(false);
    m_busy->hide();
    layout->addWidget(m_busy);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setAccessibleName(tr("Sign in"));
    m_signIn->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel without signing in"));
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::startSignIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    (m_server->text().isEmpty() ? m_server : m_user->text().isEmpty() ? m_user : m_password)->setFocus();
}

QWidget* SignInDialog::buildTrustPanel()
{
    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    m_trustText = new QLabel(panel);
    m_trustText->setWordWrap(true);
    layout->addWidget(m_trustText);
    m_fingerprint = new QLabel(panel);
    m_fingerprint->setObjectName(QStringLiteral("serverFingerprint"));
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setAccessibleName(tr("The server certificate's fingerprint"));
    layout->addWidget(m_fingerprint);
    auto* form = new QFormLayout;
    m_itFingerprint = new QLineEdit(panel);
    m_itFingerprint->setObjectName(QStringLiteral("itFingerprint"));
    m_itFingerprint->setPlaceholderText(tr("SHA256:AB:CD:… (optional: paste it to have it compared)"));
    m_itFingerprint->setAccessibleName(tr("The fingerprint IT gave you"));
    auto* label = new QLabel(tr("&From IT:"), panel);
    label->setBuddy(m_itFingerprint);
    form->addRow(label, m_itFingerprint);
    layout->addLayout(form);
    auto* row = new QHBoxLayout;
    m_trust = new QPushButton(tr("It &matches: trust it and sign in"), panel);
    m_trust->setAccessibleName(tr("The fingerprint matches: trust this server and sign in"));
    m_distrust = new QPushButton(tr("It does &not match"), panel);
    m_distrust->setAccessibleName(tr("The fingerprint does not match: do not trust this server"));
    connect(m_trust, &QPushButton::clicked, this, &SignInDialog::confirmTrust);
    connect(m_distrust, &QPushButton::clicked, this, &SignInDialog::refuseTrust);
    row->addWidget(m_trust);
    row->addWidget(m_distrust);
    row->addStretch(1);
    layout->addLayout(row);
    panel->hide();
    return panel;
}

bool SignInDialog::isAskingForTrust() const
{
    return !m_trustPanel->isHidden();
}

QString SignInDialog::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void SignInDialog::showProblem(const QString& problem)
{
    FieldProblem::show(m_problem, problem);
}

void SignInDialog::setBusy(bool busy)
{
    m_busyCount += busy ? 1 : -1;
    const bool running = m_busyCount > 0;
    m_busy->setVisible(running);
    for (QWidget* w : {static_cast<QWidget*>(m_server), static_cast<QWidget*>(m_user),
             static_cast<QWidget*>(m_password), static_cast<QWidget*>(m_signIn),
             static_cast<QWidget*>(m_trust), static_cast<QWidget*>(m_distrust)})
        w->setEnabled(!running);
}

// Blocking work (a TLS handshake, a login) on its own thread; done runs on the GUI thread
// if the dialog still exists.
template<typename Result, typename Work, typename Done>
void SignInDialog::runInBackground(Work work, Done done)
{
    auto result = std::make_shared<Result>();
    QThread* thread = QThread::create([result, work]() mutable { *result = work(); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, result, done] {
        setBusy(false);
        done(*result);
    });
    setBusy(true);
    thread->start();
}

void SignInDialog::startSignIn()
{
    showProblem(QString());
    m_trustPanel->hide();
    Store* store = m_session.store();
    if (!store) {
        showProblem(tr("Unlock the store first."));
        return;
    }
    QString why;
    const std::optional<QUrl> server = SyncSignIn::serverUrl(m_server->text(), &why);
    if (!server) {
        showProblem(why);
        return;
    }
    if (m_user->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showProblem(tr("Enter your username and password."));
        return;
    }
    m_attempt = SyncSignIn::Attempt {};
    m_attempt.server = *server;
    m_attempt.username = m_user->text().trimmed();
    m_attempt.deviceName = QSysInfo::machineHostName();
    if (!mayLeaveChanges())
        return;
    SyncAccount account(*store);
    if (account.serverUrl() == server->toString() && !account.pinnedCertificatePem().isEmpty()) {
        // Confirmed before for this server: the pin stays and nothing new is asked.
        m_attempt.pinnedPem = account.pinnedCertificatePem();
        m_attempt.pinnedFingerprint = account.pinnedFingerprint();
        logIn();
        return;
    }
    const QUrl url = *server;
    runInBackground<ServerCertificateProbe::Result>([url] { return SyncSignIn::probe(url); },
        [this](const ServerCertificateProbe::Result& seen) { probed(seen); });
}

bool SignInDialog::mayLeaveChanges()
{
    const SyncSignIn::LeftBehind left
        = SyncSignIn::leftBehind(*m_session.store(), m_attempt.server, m_attempt.username);
    if (left.waiting == 0)
        return true;
    if (askLeaveChanges(left.waiting, left.caseReferences))
        return true;
    showProblem(
        tr("Not signed in: the changes waiting stay on this laptop. Sync them first as the worker who "
           "made them."));
    return false;
}

bool SignInDialog::askLeaveChanges(int waiting, const QStringList& cases)
{
    if (m_askLeave)
        return m_askLeave(waiting, cases);
    QMessageBox box(QMessageBox::Warning, tr("Changes would be left behind"),
        tr("%n change(s) made on this laptop have not reached the server yet.", nullptr, waiting),
        QMessageBox::NoButton, this);
    box.setInformativeText(cases.isEmpty()
            ? tr(
                "None of them is about a case. Signing in as another worker or to another server leaves them "
                "unsynced on this laptop.")
            : tr("Cases: %1. Signing in as another worker or to another server leaves them unsynced on this "
                 "laptop.")
                  .arg(cases.join(QStringLiteral(", "))));
    QPushButton* insist = box.addButton(tr("Sign in anyway"), QMessageBox::DestructiveRole);
    QPushButton* back = box.addButton(tr("Go back"), QMessageBox::RejectRole);
    box.setDefaultButton(back);
    box.exec();
    return box.clickedButton() == insist;
}

void SignInDialog::probed(const ServerCertificateProbe::Result& seen)
{
    const SyncSignIn::TrustDecision decision = SyncSignIn::decideTrust(m_attempt.server, seen, QString());
    if (decision.trust == SyncSignIn::Trust::Refuse) {
        showProblem(decision.problem);
        return;
    }
    if (decision.trust == SyncSignIn::Trust::System) {
        logIn(); // the system's CAs vouch for it: nothing to pin
        return;
    }
    m_seen = seen;
    m_seenFingerprint = seen.fingerprint;
    m_trustText->setText(
        tr("This laptop does not know the certificate of %1. Compare its fingerprint below with "
           "the one IT gave you, pair by pair. Nothing has been sent to the server yet.")
            .arg(m_attempt.server.host()));
    m_fingerprint->setText(seen.fingerprint);
    m_itFingerprint->clear();
    m_trustPanel->show();
    m_trust->setFocus();
}

void SignInDialog::confirmTrust()
{
    // Pressing Trust is the worker's confirmation; a fingerprint typed from IT must match too.
    const QString typed = m_itFingerprint->text().trimmed();
    const SyncSignIn::TrustDecision decision
        = SyncSignIn::decideTrust(m_attempt.server, m_seen, typed.isEmpty() ? m_seenFingerprint : typed);
    if (decision.trust != SyncSignIn::Trust::Pin) {
        showProblem(decision.problem);
        return;
    }
    m_attempt.pinnedPem = m_seen.certificate.toPem();
    m_attempt.pinnedFingerprint = m_seenFingerprint;
    m_trustPanel->hide();
    logIn();
}

void SignInDialog::refuseTrust()
{
    m_trustPanel->hide();
    m_seen = ServerCertificateProbe::Result();
    m_seenFingerprint.clear();
    showProblem(
        tr("The certificate was not trusted; nothing was stored and nothing was sent. Tell IT: someone may "
           "be pretending to be the server."));
}

void SignInDialog::logIn()
{
    SyncSignIn::Attempt attempt = m_attempt;
    attempt.password = m_password->text().toUtf8();
    runInBackground<SyncSignIn::Outcome>(
        [attempt]() mutable { return SyncSignIn::login(std::move(attempt)); },
        [this](const SyncSignIn::Outcome& outcome) { loggedIn(outcome); });
}

void SignInDialog::loggedIn(const SyncSignIn::Outcome& outcome)
{
    if (!outcome.ok) {
        showProblem(outcome.problem);
        return;
    }
    Store* store = m_session.store();
    if (!store) {
        showProblem(tr("The store was locked; nothing was stored."));
        return;
    }
    try {
        SyncSignIn::store(*store, m_attempt, outcome.login);
    } catch (const StoreError& error) {
        showProblem(error.message());
        return;
    }
    m_password->clear();
    emit signedIn();
    accept();
}
