#include "CaseWorkspace.h"

#include "ActionsPage.h"
#include "CaseDetailsDialog.h"
#include "FieldProblem.h"
#include "FormDraft.h"
#include "NeedsPage.h"
#include "core/CaseLifecycle.h"
#include "core/Ons4.h"
#include "core/PamLevel.h"
#include "core/Validation.h"
#include "core/Vocabulary.h"
#include "models/AssessmentsModel.h"
#include "models/CaseHistoryModel.h"
#include "models/NotesModel.h"
#include "models/StoreSession.h"
#include "store/AgencyRepository.h"
#include "store/AssessmentRepository.h"
#include "store/CaseRepository.h"
#include "store/CaseTransitions.h"
#include "store/DraftRepository.h"
#include "store/NormRepository.h"
#include "store/NoteRepository.h"
#include "store/PersonRepository.h"
#include "store/StoreError.h"
#include "store/SyncIssues.h"
#include "store/UserRepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {
constexpr int maxNoteLength = 20000;

QTableView* tableFor(QAbstractItemModel* model, const QString& accessibleName, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

QString dateText(const QDate& date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy"))
                          : QCoreApplication::translate("CaseWorkspace", "not set");
}
} // namespace

CaseWorkspace::CaseWorkspace(StoreSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_notes(new NotesModel(&session, this))
    , m_assessments(new AssessmentsModel(&session, this))
    , m_history(new CaseHistoryModel(&session, this))
    , m_undo(new QUndoStack(this))
{
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_tabs = new QTabWidget(this);
    auto* overviewPage = new QWidget(this);
    auto* overviewLayout = new QVBoxLayout(overviewPage);
    overviewLayout->addWidget(buildReopenBanner(overviewPage));
    m_overview = new QTextBrowser(overviewPage);
    m_overview->setAccessibleName(tr("Case overview"));
    overviewLayout->addWidget(m_overview);
    auto* buttonRow = new QHBoxLayout;
    auto* editDetailsButton = new QPushButton(tr("Edit details..."), overviewPage);
    editDetailsButton->setToolTip(tr("Change the referral, consent, risk and subject (Ctrl+E)"));
    connect(editDetailsButton, &QPushButton::clicked, this, &CaseWorkspace::editDetails);
    buttonRow->addWidget(editDetailsButton);
    m_statusButtons = new QHBoxLayout;
    buttonRow->addLayout(m_statusButtons);
    buttonRow->addStretch(1); // buttons keep their size, with or without lifecycle moves
    overviewLayout->addLayout(buttonRow);
    m_tabs->addTab(overviewPage, tr("&Overview"));
    m_needsPage = new NeedsPage(m_session, *m_undo, this);
    m_tabs->addTab(m_needsPage, tr("Nee&ds"));
    m_actionsPage = new ActionsPage(m_session, *m_undo, this);
    m_tabs->addTab(m_actionsPage, tr("&Actions"));
    connect(m_needsPage, &NeedsPage::problem, this, &CaseWorkspace::statusMessage);
    connect(m_actionsPage, &ActionsPage::problem, this, &CaseWorkspace::statusMessage);
    m_tabs->addTab(buildNotesPage(), tr("&Notes"));
    m_tabs->addTab(buildOutcomesPage(), tr("O&utcomes"));
    m_tabs->addTab(tableFor(m_history, tr("Case history"), this), tr("&History"));
    layout->addWidget(m_tabs);

    connect(&m_session, &StoreSession::aboutToLock, this, &CaseWorkspace::parkDraft);
    connect(&m_session, &StoreSession::locked, this, &CaseWorkspace::clear);
    connect(&m_session, &StoreSession::caseChanged, this, [this](const QString& id) {
        if (id == m_caseId)
            refreshOverview();
    });
    clear();
}

QWidget* CaseWorkspace::buildNotesPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_significantOnly = new QCheckBox(tr("Significant events only (chronology)"), page);
    connect(m_significantOnly, &QCheckBox::toggled, m_notes, &NotesModel::setSignificantOnly);
    layout->addWidget(m_significantOnly);
    QTableView* notes = tableFor(m_notes, tr("Notes and chronology"), page);
    m_notesView = notes;
    // The text is what a worker reads: put it beside the date and kind, not off to the right.
    notes->horizontalHeader()->moveSection(NotesModel::Text, NotesModel::Author + 1);
    notes->horizontalHeader()->resizeSection(NotesModel::Text, 320);
    connect(m_notes, &QAbstractItemModel::modelReset, notes, &QTableView::resizeRowsToContents);
    layout->addWidget(notes, 2);
    m_correctButton = new QPushButton(tr("Co&rrect selected note..."), page);
    m_correctButton->setToolTip(
        tr("Notes are never changed: a correction is a new note linked to the one it corrects."));
    connect(m_correctButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_notesView->currentIndex();
        if (current.isValid())
            startCorrection(m_notes->noteAt(current.row()).meta.id);
    });
    auto* noteButtons = new QHBoxLayout;
    noteButtons->addWidget(m_correctButton);
    noteButtons->addStretch(1);
    layout->addLayout(noteButtons);

    auto* form = new QFormLayout;
    m_noteKind = new QComboBox(page);
    const Vocabulary& kinds = Vocabulary::noteKinds();
    for (const QString& key : kinds.keys())
        m_noteKind->addItem(kinds.label(key), key);
    m_noteKind->setAccessibleName(tr("Kind of contact"));
    form->addRow(tr("&Kind:"), m_noteKind);
    m_noteDate = new QDateEdit(QDate::currentDate(), page);
    m_noteDate->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_noteDate->setCalendarPopup(true);
    m_noteDate->setMaximumDate(QDate::currentDate());
    m_noteDate->setAccessibleName(tr("Date of contact"));
    form->addRow(tr("Da&te:"), m_noteDate);
    m_noteAgency = new QComboBox(page);
    m_noteAgency->setAccessibleName(tr("Your agency"));
    form->addRow(tr("Agenc&y:"), m_noteAgency);
    m_noteSignificant = new QCheckBox(tr("Significant event (shown in the chronology)"), page);
    form->addRow(QString(), m_noteSignificant);
    m_noteAgencyOnly = new QCheckBox(tr("Visible to my agency only"), page);
    m_noteAgencyOnly->setToolTip(
        tr("Only workers of the agency chosen above will see this note, on screen and in print."));
    form->addRow(QString(), m_noteAgencyOnly);
    m_correcting = new QLabel(page);
    m_correcting->setWordWrap(true);
    m_correcting->hide();
    m_cancelCorrection = new QPushButton(tr("Cancel correction"), page);
    m_cancelCorrection->hide();
    connect(m_cancelCorrection, &QPushButton::clicked, this, &CaseWorkspace::cancelCorrection);
    auto* correctingRow = new QHBoxLayout;
    correctingRow->addWidget(m_correcting, 1);
    correctingRow->addWidget(m_cancelCorrection);
    form->addRow(correctingRow);
    m_noteText = new QPlainTextEdit(page);
    m_noteText->setAccessibleName(tr("Note text"));
    m_noteText->setTabChangesFocus(true);
    m_noteText->setPlaceholderText(tr("What happened, who was there, what was agreed"));
    form->addRow(tr("Note te&xt:"), m_noteText);
    m_noteProblem = new QLabel(page);
    m_noteProblem->setWordWrap(true);
    m_noteProblem->setVisible(false);
    form->addRow(QString(), m_noteProblem);
    m_saveNote = new QPushButton(tr("&Save note"), page);
    m_saveNote->setObjectName(QStringLiteral("saveNote"));
    m_saveNote->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_saveNote->setToolTip(tr("Save the note (Ctrl+Enter). Notes cannot be edited afterwards."));
    connect(m_saveNote, &QPushButton::clicked, this, &CaseWorkspace::saveNote);
    form->addRow(QString(), m_saveNote);
    layout->addLayout(form, 1);
    return page;
}

QWidget* CaseWorkspace::buildOutcomesPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_outcomeSummary = new QLabel(page);
    m_outcomeSummary->setWordWrap(true);
    m_outcomeSummary->setTextFormat(Qt::RichText);
    layout->addWidget(m_outcomeSummary);
    layout->addWidget(tableFor(m_assessments, tr("Outcome measures"), page), 1);

    auto* form = new QFormLayout;
    m_assessKind = new QComboBox(page);
    for (const QString& key : Vocabulary::assessmentKinds().keys())
        m_assessKind->addItem(Vocabulary::assessmentKinds().label(key), key);
    form->addRow(tr("&Measure:"), m_assessKind);
    m_assessStage = new QComboBox(page);
    for (const QString& key : Vocabulary::assessmentStages().keys())
        m_assessStage->addItem(Vocabulary::assessmentStages().label(key), key);
    form->addRow(tr("&Stage:"), m_assessStage);
    m_assessDate = new QDateEdit(QDate::currentDate(), page);
    m_assessDate->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_assessDate->setCalendarPopup(true);
    m_assessDate->setMaximumDate(QDate::currentDate());
    form->addRow(tr("Da&te:"), m_assessDate);

    m_assessFields = new QStackedWidget(page);
    auto* ons4 = new QWidget(m_assessFields);
    auto* ons4Form = new QFormLayout(ons4);
    ons4Form->setContentsMargins(0, 0, 0, 0);
    for (int item = 0; item < 4; ++item) {
        m_ons4[item] = new QSpinBox(ons4);
        m_ons4[item]->setRange(0, 10);
        m_ons4[item]->setToolTip(Ons4::question(item));
        m_ons4[item]->setAccessibleName(Ons4::itemLabel(item));
        ons4Form->addRow(tr("%1 (0-10):").arg(Ons4::itemLabel(item)), m_ons4[item]);
    }
    m_assessFields->addWidget(ons4);
    auto* pam = new QWidget(m_assessFields);
    auto* pamForm = new QFormLayout(pam);
    pamForm->setContentsMargins(0, 0, 0, 0);
    m_pam = new QDoubleSpinBox(pam);
    m_pam->setRange(0, 100);
    m_pam->setDecimals(1);
    m_pam->setAccessibleName(tr("PAM score"));
    auto* level = new QLabel(pam);
    connect(m_pam, &QDoubleSpinBox::valueChanged, level,
        [level](double v) { level->setText(tr("Level %1").arg(PamLevel::levelFor(v))); });
    level->setText(tr("Level %1").arg(PamLevel::levelFor(0)));
    pamForm->addRow(tr("PAM score (0-100):"), m_pam);
    pamForm->addRow(QString(), level);
    m_assessFields->addWidget(pam);
    auto* use = new QWidget(m_assessFields);
    auto* useForm = new QFormLayout(use);
    useForm->setContentsMargins(0, 0, 0, 0);
    m_gp = new QSpinBox(use);
    m_gp->setRange(0, 1000);
    m_gp->setAccessibleName(tr("GP appointments"));
    m_ae = new QSpinBox(use);
    m_ae->setRange(0, 1000);
    m_ae->setAccessibleName(tr("A&E attendances"));
    m_months = new QSpinBox(use);
    m_months->setRange(1, 120);
    m_months->setValue(6);
    m_months->setAccessibleName(tr("Period in months"));
    useForm->addRow(tr("GP appointments:"), m_gp);
    useForm->addRow(tr("A&&E attendances:"), m_ae);
    useForm->addRow(tr("Over (months):"), m_months);
    m_assessFields->addWidget(use);
    connect(m_assessKind, &QComboBox::currentIndexChanged, m_assessFields, &QStackedWidget::setCurrentIndex);
    form->addRow(m_assessFields);
    m_assessProblem = new QLabel(page);
    m_assessProblem->setWordWrap(true);
    m_assessProblem->hide();
    form->addRow(m_assessProblem);
    auto* save = new QPushButton(tr("&Record measure"), page);
    connect(save, &QPushButton::clicked, this, &CaseWorkspace::saveAssessmentFromForm);
    form->addRow(QString(), save);
    layout->addLayout(form);
    return page;
}

void CaseWorkspace::saveAssessmentFromForm()
{
    Assessment a;
    a.kind = m_assessKind->currentData().toString();
    a.stage = m_assessStage->currentData().toString();
    a.assessedOn = m_assessDate->date();
    if (a.kind == QLatin1String("ons4")) {
        for (int item = 0; item < 4; ++item)
            a.ons4[static_cast<std::size_t>(item)] = m_ons4[item]->value();
    } else if (a.kind == QLatin1String("pam")) {
        a.pamScore = m_pam->value();
    } else {
        a.gpAppointments = m_gp->value();
        a.aeAttendances = m_ae->value();
        a.periodMonths = m_months->value();
    }
    const QString problem = recordAssessment(a);
    m_assessProblem->setText(problem);
    m_assessProblem->setVisible(!problem.isEmpty());
}

QString CaseWorkspace::recordAssessment(Assessment assessment)
{
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return tr("No case is open.");
    assessment.caseId = m_caseId;
    QStringList problems;
    if (!Vocabulary::assessmentKinds().contains(assessment.kind))
        problems << Vocabulary::assessmentKinds().unknownKeyMessage(tr("measure"), assessment.kind);
    if (!Vocabulary::assessmentStages().contains(assessment.stage))
        problems << Vocabulary::assessmentStages().unknownKeyMessage(tr("stage"), assessment.stage);
    if (!assessment.assessedOn.isValid() || assessment.assessedOn > QDate::currentDate())
        problems << tr("The date of the measure must be today or earlier.");
    if (assessment.kind == QLatin1String("ons4")) {
        for (int score : assessment.ons4) {
            if (const QString p = Validation::ons4Score(score); !p.isEmpty())
                problems << p;
        }
    } else if (assessment.kind == QLatin1String("pam")) {
        if (const QString p = Validation::pamScore(assessment.pamScore); !p.isEmpty())
            problems << p;
    }
    if (!problems.isEmpty())
        return problems.join(QLatin1Char(' '));
    try {
        const auto record = CaseRepository(*store).get(m_caseId);
        AssessmentRepository(*store).add(assessment, record ? record->reference : QString());
    } catch (const StoreError& e) {
        return e.message();
    }
    m_session.notifyCaseChanged(m_caseId);
    return {};
}

void CaseWorkspace::refreshOutcomeSummary()
{
    // Latest baseline and closing ONS4 beside the national norm, so progress is visible.
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return;
    const Assessment* baseline = nullptr;
    const Assessment* closing = nullptr;
    const QList<Assessment> all = AssessmentRepository(*store).forCase(m_caseId);
    for (const Assessment& a : all) {
        if (a.kind != QLatin1String("ons4"))
            continue;
        if (a.stage == QLatin1String("baseline"))
            baseline = &a;
        else if (a.stage == QLatin1String("closing"))
            closing = &a;
    }
    if (!baseline) {
        m_outcomeSummary->setText(tr("No ONS4 baseline recorded yet."));
        return;
    }
    QList<double> norms(4, -1);
    QString normLabel = tr("UK average");
    for (const ReferenceNorm& n : NormRepository(*store).list()) {
        if (n.scope == QLatin1String("national") && n.item >= 0 && n.item < 4) {
            norms[n.item] = n.value;
            normLabel = n.label; // as the team has named it in Settings
        }
    }
    QString html = QStringLiteral(
        "<table cellspacing=4><tr><th align=left>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                       .arg(tr("ONS4"), tr("Baseline"), tr("Closing"), normLabel.toHtmlEscaped());
    for (int item = 0; item < 4; ++item) {
        const auto i = static_cast<std::size_t>(item);
        html += QStringLiteral(
            "<tr><td>%1</td><td align=center>%2</td><td align=center>%3</td><td align=center>%4</td></tr>")
                    .arg(Ons4::itemLabel(item).toHtmlEscaped(), QString::number(baseline->ons4[i]),
                        closing ? QString::number(closing->ons4[i]) : tr("not yet"),
                        QString::number(norms[item], 'f', 2));
    }
    m_outcomeSummary->setText(html + QStringLiteral("</table>"));
}

void CaseWorkspace::openCase(const QString& caseId)
{
    if (caseId == m_caseId)
        return;
    parkDraft();
    cancelCorrection();
    m_undo->clear(); // undo belongs to the case being worked on
    m_caseId = caseId;
    if (m_noteAgency->count() == 0)
        fillNoteAgencies();
    m_needsPage->openCase(caseId);
    m_actionsPage->openCase(caseId);
    for (CaseDetailModel* model : std::initializer_list<CaseDetailModel*> {m_notes, m_assessments, m_history})
        model->setCaseId(caseId);
    m_tabs->setEnabled(true);
    refreshOverview();
    restoreDraft();
}

void CaseWorkspace::clear()
{
    m_caseId.clear();
    m_needsPage->clear();
    m_actionsPage->clear();
    for (CaseDetailModel* model : std::initializer_list<CaseDetailModel*> {m_notes, m_assessments, m_history})
        model->setCaseId(QString());
    m_title->setText(tr("No case open: choose one from the list"));
    m_overview->clear();
    m_reopenBanner->hide();
    m_outcomeSummary->clear();
    cancelCorrection();
    m_noteText->clear();
    m_noteAgency->clear();
    m_noteProblem->setVisible(false);
    m_undo->clear();
    m_tabs->setEnabled(false);
}

void CaseWorkspace::refreshOverview()
{
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return;
    const auto record = CaseRepository(*store).get(m_caseId);
    if (!record)
        return;
    QString subject;
    for (const CasePerson& link : CaseRepository(*store).people(m_caseId)) {
        if (link.role == QLatin1String("subject"))
            subject = PersonRepository(*store).get(link.personId).value_or(Person {}).fullName();
    }
    const auto agency = AgencyRepository(*store).get(record->referringAgencyId);
    m_title->setText(
        tr("%1: %2 (%3)").arg(record->reference, subject, Vocabulary::caseStatuses().label(record->status)));
    const auto row = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><th align=left valign=top>%1</th><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table cellspacing=6>");
    html += row(tr("Subject"), subject);
    html += row(tr("Status"),
        tr("%1 since %2")
            .arg(Vocabulary::caseStatuses().label(record->status), dateText(record->statusDate)));
    html += row(tr("Referred"),
        tr("%1 by %2 (%3)")
            .arg(dateText(record->referralDate), agency ? agency->name : QString(), record->referrerName));
    html += row(tr("Reason"), record->reason);
    html += row(tr("Consent"),
        tr("%1, recorded %2")
            .arg(Vocabulary::consentStatuses().label(record->consent), dateText(record->consentDate)));
    if (!record->lawfulBasis.isEmpty())
        html += row(tr("Lawful basis"), record->lawfulBasis);
    const QString risk = Vocabulary::riskLevels().label(record->risk);
    html += row(
        tr("Risk"), record->riskRationale.isEmpty() ? risk : tr("%1: %2").arg(risk, record->riskRationale));
    html += row(tr("Lead worker"), record->leadWorker);
    html += row(tr("Next review"), dateText(record->reviewDate));
    if (record->status == QLatin1String("closed"))
        html += row(tr("Closed"),
            tr("%1: %2").arg(
                dateText(record->closedDate), Vocabulary::closureReasons().label(record->closureReason)));
    html += QStringLiteral("</table>");
    m_overview->setHtml(html);
    refreshStatusButtons(record->status);
    refreshReopenBanner(record->status);
    refreshOutcomeSummary();
}

QWidget* CaseWorkspace::buildReopenBanner(QWidget* parent)
{
    // A framed box with bold text: it must stand out in any palette without relying on colour.
    auto* banner = new QFrame(parent);
    banner->setObjectName(QStringLiteral("reopenBanner"));
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setFrameShadow(QFrame::Raised);
    banner->setAutoFillBackground(true);
    banner->setBackgroundRole(QPalette::AlternateBase);
    banner->setAccessibleName(tr("Reopen decision needed"));
    auto* layout = new QVBoxLayout(banner);
    m_reopenText = new QLabel(banner);
    m_reopenText->setWordWrap(true);
    QFont bold = m_reopenText->font();
    bold.setBold(true);
    m_reopenText->setFont(bold);
    layout->addWidget(m_reopenText);
    auto* row = new QHBoxLayout;
    m_reopenButton = new QPushButton(tr("&Reopen..."), banner);
    m_reopenButton->setAccessibleName(tr("Reopen this case"));
    m_leaveClosedButton = new QPushButton(tr("Leave c&losed"), banner);
    m_leaveClosedButton->setAccessibleName(tr("Leave this case closed"));
    connect(m_reopenButton, &QPushButton::clicked, this, &CaseWorkspace::reopenFromBanner);
    connect(m_leaveClosedButton, &QPushButton::clicked, this, &CaseWorkspace::leaveClosed);
    row->addWidget(m_reopenButton);
    row->addWidget(m_leaveClosedButton);
    row->addStretch(1);
    layout->addLayout(row);
    banner->hide();
    banner->installEventFilter(this);
    m_reopenBanner = banner;
    return banner;
}

void CaseWorkspace::refreshReopenBanner(const QString& status)
{
    Store* store = m_session.store();
    std::optional<ReopenFlag> flag;
    if (store && !m_caseId.isEmpty()) {
        try {
            for (const ReopenFlag& f : SyncIssues(*store).reopenFlags()) {
                if (f.caseId == m_caseId)
                    flag = f;
            }
        } catch (const StoreError&) {
            // No banner is better than a wrong one; the Sync problems dialog lists it too.
        }
    }
    m_reopenBanner->setVisible(flag.has_value());
    if (!flag)
        return;
    m_reopenText->setText(
        tr("This case was %1 on the server after you changed it on this laptop. Your changes "
           "are kept. Decide whether it should be reopened.")
            .arg(Vocabulary::caseStatuses().label(flag->serverStatus).toLower()));
    fitReopenText();
    m_reopenButton->setVisible(CaseLifecycle::nextStatuses(status).contains(QStringLiteral("open")));
}

// The tab page's layout does not pass height-for-width down, so the wrapped text would be
// squeezed by the overview below it: give it the height its width needs.
void CaseWorkspace::fitReopenText()
{
    const int width = m_reopenText->width() > 0 ? m_reopenText->width() : m_reopenBanner->width();
    const int height = m_reopenText->heightForWidth(width);
    if (height > 0)
        m_reopenText->setMinimumHeight(height);
}

bool CaseWorkspace::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_reopenBanner && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        fitReopenText();
    return QWidget::eventFilter(watched, event);
}

void CaseWorkspace::reopenFromBanner()
{
    askStatusChange(QStringLiteral("open"));
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return;
    const auto record = CaseRepository(*store).get(m_caseId);
    if (record && record->status == QLatin1String("open"))
        leaveClosed(); // decided: the flag goes
}

void CaseWorkspace::leaveClosed()
{
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return;
    try {
        SyncIssues(*store).clearReopenFlag(m_caseId);
    } catch (const StoreError& e) {
        emit statusMessage(e.message());
        return;
    }
    m_session.notifyCaseChanged(m_caseId);
}

void CaseWorkspace::refreshStatusButtons(const QString& status)
{
    while (QLayoutItem* item = m_statusButtons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    // Only the moves the lifecycle allows from here are offered.
    for (const QString& to : CaseLifecycle::nextStatuses(status)) {
        const QString text = to == QLatin1String("closed") ? tr("C&lose case...")
            : to == QLatin1String("declined")              ? tr("Decline...")
            : status == QLatin1String("closed")            ? tr("Reopen...")
                                                : tr("Mark %1...").arg(Vocabulary::caseStatuses().label(to));
        auto* button = new QPushButton(text, this);
        connect(button, &QPushButton::clicked, this, [this, to] { askStatusChange(to); });
        m_statusButtons->addWidget(button);
    }
    m_statusButtons->addStretch(1);
}

void CaseWorkspace::askStatusChange(const QString& to)
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Change status to %1").arg(Vocabulary::caseStatuses().label(to)));
    auto* form = new QFormLayout(&dialog);
    auto* date = new QDateEdit(QDate::currentDate(), &dialog);
    date->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    date->setCalendarPopup(true);
    form->addRow(tr("&Date:"), date);
    auto* closureReason = new QComboBox(&dialog);
    auto* reason = new QLineEdit(&dialog);
    auto* declined = new QCheckBox(tr("A closing assessment was offered and declined"), &dialog);
    if (to == QLatin1String("closed")) {
        for (const QString& key : Vocabulary::closureReasons().keys())
            closureReason->addItem(Vocabulary::closureReasons().label(key), key);
        form->addRow(tr("&Reason for closing:"), closureReason);
        form->addRow(QString(), declined);
    } else {
        form->addRow(tr("&Reason:"), reason);
        closureReason->hide();
        declined->hide();
    }
    QLabel* problem = FieldProblem::addRow(form, tr("Problem with the status change"), true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    // Nothing of the case stays on screen once the store locks; a typed reason is kept.
    new FormDraft(m_session, &dialog, QStringLiteral("dialog:status:%1:%2").arg(m_caseId, to), m_caseId);
    connect(&m_session, &StoreSession::locked, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        TransitionRequest request;
        request.to = to;
        request.date = date->date();
        request.reason = to == QLatin1String("closed") ? closureReason->currentData().toString()
                                                       : reason->text().trimmed();
        request.closingAssessmentOffered = declined->isChecked();
        const QString refusal = changeStatus(request);
        FieldProblem::show(problem, refusal);
        if (refusal.isEmpty())
            dialog.accept();
    });
    dialog.exec();
}

QString CaseWorkspace::changeStatus(const TransitionRequest& input)
{
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return tr("No case is open.");
    auto record = CaseRepository(*store).get(m_caseId);
    if (!record)
        return tr("That case no longer exists.");
    try {
        if (QString problem = CaseTransitions::apply(*store, *record, input, QDate::currentDate());
            !problem.isEmpty())
            return problem;
    } catch (const StoreError& e) {
        return e.message();
    }
    m_session.notifyCaseChanged(m_caseId);
    return {};
}

void CaseWorkspace::saveNote()
{
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return;
    CaseNote note;
    note.caseId = m_caseId;
    note.kind = m_noteKind->currentData().toString();
    note.occurredOn = m_noteDate->date();
    note.significant = m_noteSignificant->isChecked();
    note.text = m_noteText->toPlainText().trimmed();
    note.author = store->actor();
    note.agencyId = m_noteAgency->currentData().toString();
    note.agencyOnly = m_noteAgencyOnly->isChecked();
    note.correctsNoteId = m_correctsNoteId;
    QString problem = Validation::requiredText(note.text, tr("The note"), maxNoteLength);
    if (problem.isEmpty() && note.agencyOnly && note.agencyId.isEmpty())
        problem = tr("Choose your agency: a note visible to one agency only needs to say which.");
    m_noteProblem->setText(problem);
    m_noteProblem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        m_noteText->setFocus();
        return;
    }
    try {
        const auto record = CaseRepository(*store).get(m_caseId);
        store->write([&] {
            NoteRepository(*store).add(note, record ? record->reference : QString());
            DraftRepository(*store).discard(draftKey());
            DraftRepository(*store).discard(formDraftKey());
        });
    } catch (const StoreError& e) {
        m_noteProblem->setText(e.message());
        m_noteProblem->setVisible(true);
        return;
    }
    m_noteText->clear();
    m_noteSignificant->setChecked(false);
    m_noteAgencyOnly->setChecked(false);
    cancelCorrection();
    m_session.notifyCaseChanged(m_caseId);
}

void CaseWorkspace::startCorrection(const QString& noteId)
{
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return;
    const auto original = NoteRepository(*store).get(noteId);
    if (!original || original->caseId != m_caseId)
        return;
    m_correctsNoteId = noteId;
    m_correcting->setText(tr("Correcting the note of %1 by %2. The original stays in the record, "
                             "marked as corrected.")
                              .arg(dateText(original->occurredOn), original->author));
    m_correcting->show();
    m_cancelCorrection->show();
    m_noteKind->setCurrentIndex(m_noteKind->findData(original->kind));
    m_noteDate->setDate(original->occurredOn);
    m_noteSignificant->setChecked(original->significant);
    m_noteAgencyOnly->setChecked(original->agencyOnly);
    m_noteText->setPlainText(original->text);
    m_noteText->setFocus();
}

void CaseWorkspace::editDetails()
{
    if (m_caseId.isEmpty())
        return;
    CaseDetailsDialog dialog(m_session, m_caseId, m_undo, this);
    dialog.setUndoFailureHandler([this](const QString& message) { emit statusMessage(message); });
    if (dialog.exec() == QDialog::Accepted)
        emit statusMessage(tr("Case details saved. Undo (Ctrl+Z) puts them back."));
}

void CaseWorkspace::focusNewNote()
{
    if (m_caseId.isEmpty())
        return;
    m_tabs->setCurrentWidget(m_noteText->parentWidget());
    m_noteText->setFocus();
}

void CaseWorkspace::cancelCorrection()
{
    if (!m_correctsNoteId.isEmpty())
        m_noteText->clear();
    m_correctsNoteId.clear();
    m_correcting->hide();
    m_cancelCorrection->hide();
}

void CaseWorkspace::fillNoteAgencies()
{
    // The worker's own agency first when the store knows it, so agency-only notes are quick.
    m_noteAgency->clear();
    m_noteAgency->addItem(tr("(not stated)"), QString());
    Store* store = m_session.store();
    if (!store)
        return;
    for (const Agency& agency : AgencyRepository(*store).list())
        m_noteAgency->addItem(agency.name, agency.meta.id);
    if (const auto me = UserRepository(*store).findByUsername(store->actor()))
        m_noteAgency->setCurrentIndex(std::max(0, m_noteAgency->findData(me->agencyId)));
}

QString CaseWorkspace::draftKey() const
{
    return QStringLiteral("note:") + m_caseId;
}

QString CaseWorkspace::formDraftKey() const
{
    return QStringLiteral("note-form:") + m_caseId;
}

void CaseWorkspace::parkDraft()
{
    // Unsaved note text goes into the encrypted store, never lost and never on disk in clear.
    // The rest of the form (and which note it corrects) goes beside it, so a correction
    // comes back as a correction.
    Store* store = m_session.store();
    if (!store || m_caseId.isEmpty())
        return;
    const QString text = m_noteText->toPlainText();
    try {
        DraftRepository drafts(*store);
        if (text.trimmed().isEmpty()) {
            drafts.discard(draftKey());
            drafts.discard(formDraftKey());
            return;
        }
        drafts.save(draftKey(), m_caseId, text);
        const QJsonObject form {{QStringLiteral("corrects"), m_correctsNoteId},
            {QStringLiteral("kind"), m_noteKind->currentData().toString()},
            {QStringLiteral("date"), m_noteDate->date().toString(Qt::ISODate)},
            {QStringLiteral("agency"), m_noteAgency->currentData().toString()},
            {QStringLiteral("significant"), m_noteSignificant->isChecked()},
            {QStringLiteral("agencyOnly"), m_noteAgencyOnly->isChecked()}};
        drafts.save(
            formDraftKey(), m_caseId, QString::fromUtf8(QJsonDocument(form).toJson(QJsonDocument::Compact)));
    } catch (const StoreError&) {
        // Locking must go ahead; the text stays in the editor until clear().
    }
}

void CaseWorkspace::restoreDraft()
{
    Store* store = m_session.store();
    m_noteText->clear();
    if (!store || m_caseId.isEmpty())
        return;
    const auto text = DraftRepository(*store).load(draftKey());
    if (!text)
        return;
    const auto formText = DraftRepository(*store).load(formDraftKey());
    const QJsonObject form = formText ? QJsonDocument::fromJson(formText->toUtf8()).object() : QJsonObject();
    const QString corrects = form.value(QStringLiteral("corrects")).toString();
    if (!corrects.isEmpty())
        startCorrection(corrects); // fills the form from the original; the draft then wins
    const auto choose = [](QComboBox* combo, const QJsonValue& value) {
        const int index = value.isString() ? combo->findData(value.toString()) : -1;
        if (index >= 0)
            combo->setCurrentIndex(index);
    };
    if (!form.isEmpty()) {
        choose(m_noteKind, form.value(QStringLiteral("kind")));
        choose(m_noteAgency, form.value(QStringLiteral("agency")));
        const QDate date = QDate::fromString(form.value(QStringLiteral("date")).toString(), Qt::ISODate);
        if (date.isValid())
            m_noteDate->setDate(date);
        m_noteSignificant->setChecked(form.value(QStringLiteral("significant")).toBool());
        m_noteAgencyOnly->setChecked(form.value(QStringLiteral("agencyOnly")).toBool());
    }
    m_noteText->setPlainText(*text);
}
