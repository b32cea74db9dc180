#include "ImportDialog.h"

#include "models/ReferralPreviewModel.h"
#include "models/StoreSession.h"
#include "store/CaseRepository.h"
#include "store/ReferralImporter.h"
#include "store/StoreError.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>

namespace {
std::optional<QString> nextChosenFile;

// The widest a free-text column starts: the whole reason is in its tooltip.
constexpr int maxInitialColumnWidth = 320;
// Rows measured when sizing columns, so a 5,000-row file is not measured row by row.
constexpr int columnSizingRows = 200;

// A busy cursor for the length of a read that may take a moment on a large file.
class BusyCursor
{
public:
    BusyCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QApplication::restoreOverrideCursor(); }
    BusyCursor(const BusyCursor&) = delete;
    BusyCursor& operator=(const BusyCursor&) = delete;
};
} // namespace

ImportDialog::ImportDialog(StoreSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_model(new ReferralPreviewModel(this))
    , m_problemsModel(new QStringListModel(this))
{
    setWindowTitle(tr("Import referrals from CSV"));
    auto* layout = new QVBoxLayout(this);
    buildFileRow(layout);
    buildPreview(layout);
    buildButtons(layout);
    setTabOrder(m_pathField, m_browse);
    setTabOrder(m_browse, m_reload);
    setTabOrder(m_reload, m_preview);
    setTabOrder(m_preview, m_problems);
    setTabOrder(m_problems, m_import);
    setTabOrder(m_import, m_close);
    resize(1000, 640);
    // The preview is personal data from an unencrypted file: it goes when the store locks.
    connect(&m_session, &StoreSession::aboutToLock, this, [this] {
        forget();
        reject();
    });
    showSummary(tr("Choose a CSV file of referrals. Nothing is written to the store until you press "
                   "Import, and only when every row in the file is correct."));
    updateButtons();
}

QString ImportDialog::lastFolderKey()
{
    return QStringLiteral("import/lastFolder");
}

void ImportDialog::setNextChosenFileForTesting(const QString& path)
{
    nextChosenFile = path;
}

void ImportDialog::buildFileRow(QVBoxLayout* layout)
{
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("&File:"), this);
    m_pathField = new QLineEdit(this);
    m_pathField->setReadOnly(true);
    m_pathField->setPlaceholderText(tr("No file chosen"));
    m_pathField->setAccessibleName(tr("File to import"));
    label->setBuddy(m_pathField);
    m_browse = new QPushButton(tr("&Browse..."), this);
    m_browse->setAccessibleName(tr("Browse for a CSV file"));
    m_browse->setAutoDefault(false);
    connect(m_browse, &QPushButton::clicked, this, &ImportDialog::browse);
    m_reload = new QPushButton(tr("&Reload"), this);
    m_reload->setAccessibleName(tr("Read the file again"));
    m_reload->setAutoDefault(false);
    connect(m_reload, &QPushButton::clicked, this, [this] { loadFile(m_path); });
    row->addWidget(label);
    row->addWidget(m_pathField, 1);
    row->addWidget(m_browse);
    row->addWidget(m_reload);
    layout->addLayout(row);

    auto* columns = new QLabel(tr("Save the spreadsheet as \"CSV UTF-8\" with the column names in its first "
                                  "row, in any order. Columns: %1. Required: %2, and given_name or "
                                  "family_name. A closed case also needs closed_date and closure_reason.")
                                   .arg(ReferralCsv::columns().join(QStringLiteral(", ")),
                                       ReferralCsv::requiredColumns().join(QStringLiteral(", "))),
        this);
    columns->setWordWrap(true);
    columns->setTextInteractionFlags(Qt::TextSelectableByMouse);
    columns->setAccessibleName(tr("Columns the file may have"));
    layout->addWidget(columns);
}

void ImportDialog::buildPreview(QVBoxLayout* layout)
{
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Import summary"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    layout->addWidget(m_summary);

    auto* previewLabel = new QLabel(tr("Referrals rea&d from the file:"), this);
    m_preview = new QTableView(this);
    m_preview->setModel(m_model);
    m_preview->setAccessibleName(tr("Referrals read from the file"));
    m_preview->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_preview->setAlternatingRowColors(true);
    m_preview->setWordWrap(false);
    m_preview->setTabKeyNavigation(false); // Tab moves on to the next control, in reading order
    // One fixed row height: the view then never measures rows, so 5,000 scroll smoothly.
    m_preview->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_preview->verticalHeader()->hide(); // the Line column says where each row is in the file
    m_preview->horizontalHeader()->setResizeContentsPrecision(columnSizingRows);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    previewLabel->setBuddy(m_preview);
    layout->addWidget(previewLabel);
    layout->addWidget(m_preview, 3);

    m_problemsLabel = new QLabel(tr("&Problems, by line in the file:"), this);
    m_problems = new QListView(this);
    m_problems->setModel(m_problemsModel);
    m_problems->setAccessibleName(tr("Problems in the file"));
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setUniformItemSizes(true);
    m_problems->setWordWrap(false);
    m_problemsLabel->setBuddy(m_problems);
    layout->addWidget(m_problemsLabel);
    layout->addWidget(m_problems, 2);
}

void ImportDialog::buildButtons(QVBoxLayout* layout)
{
    auto* buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_import->setAccessibleName(tr("Import the referrals"));
    m_import->setDefault(true);
    connect(m_import, &QPushButton::clicked, this, [this] { importRows(); });
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setText(tr("&Close"));
    m_close->setAccessibleName(tr("Close"));
    m_close->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString ImportDialog::summary() const
{
    return m_summary->text();
}

QStringList ImportDialog::problems() const
{
    return m_problemsModel->stringList();
}

void ImportDialog::browse()
{
    const QString path = chooseFile();
    if (path.isEmpty())
        return;
    QSettings().setValue(lastFolderKey(), QFileInfo(path).absolutePath());
    loadFile(path);
}

QString ImportDialog::chooseFile()
{
    if (nextChosenFile) {
        const QString path = *nextChosenFile;
        nextChosenFile.reset();
        return path;
    }
    const QString folder
        = QSettings()
              .value(lastFolderKey(), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    return QFileDialog::getOpenFileName(
        this, tr("Choose a referrals file"), folder, tr("CSV files (*.csv);;All files (*)"));
}

bool ImportDialog::loadFile(const QString& path)
{
    forget();
    m_path = path;
    m_fileName = QFileInfo(path).fileName();
    m_pathField->setText(QDir::toNativeSeparators(path));
    if (path.isEmpty())
        return showFileProblem(tr("Choose a CSV file of referrals to import."));
    const BusyCursor busy;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return showFileProblem(tr("Cannot read %1: %2").arg(m_fileName, file.errorString()));
    // The text lives only in this scope; what stays is the parsed rows, in memory.
    const ReferralCsv::Decoded decoded
        = ReferralCsv::decode(file.read(ReferralCsv::maxFileBytes + 1), m_fileName);
    if (!decoded.ok())
        return showFileProblem(decoded.problem);
    return showParsed(ReferralCsv::parse(decoded.text, QDate::currentDate()));
}

void ImportDialog::forget()
{
    m_imported = false;
    m_importedReferences.clear();
    m_model->clear();
    m_problemsModel->setStringList({});
    updateButtons();
}

bool ImportDialog::showFileProblem(const QString& problem)
{
    showSummary(problem);
    updateButtons();
    return false;
}

bool ImportDialog::showParsed(const ReferralCsv::Result& parsed)
{
    QStringList lines;
    lines.reserve(parsed.errors.size());
    for (const LineError& error : parsed.errors)
        lines << ReferralCsv::formatError(error);
    m_problemsModel->setStringList(lines);
    m_model->setRows(parsed.rows);
    m_preview->resizeColumnsToContents();
    for (int column = 0; column < ReferralPreviewModel::ColumnCount; ++column)
        m_preview->setColumnWidth(column, qMin(m_preview->columnWidth(column), maxInitialColumnWidth));
    const int problemCount = static_cast<int>(parsed.errors.size());
    const int rowCount = static_cast<int>(parsed.rows.size());
    if (problemCount > 0) {
        showSummary(tr("%n problem(s) in %1; fix the file and load it again. Nothing has been imported.",
            nullptr, problemCount)
                        .arg(m_fileName));
        m_problems->setFocus();
    } else if (rowCount == 0) {
        showSummary(tr("%1 has no referral rows under its header row; add them and load it again. "
                       "Nothing has been imported.")
                        .arg(m_fileName));
    } else {
        showSummary(tr("%n referral(s) ready to import from %1.", nullptr, rowCount).arg(m_fileName));
    }
    updateButtons();
    if (m_import->isEnabled())
        m_import->setFocus();
    return m_import->isEnabled();
}

void ImportDialog::showSummary(const QString& text)
{
    m_summary->setText(text);
}

void ImportDialog::updateButtons()
{
    const bool ready = m_model->rowCount() > 0 && m_problemsModel->rowCount() == 0;
    m_import->setEnabled(ready && !m_imported && m_session.isUnlocked());
    // Reading the same file again after importing it would offer to import it twice.
    m_reload->setEnabled(!m_path.isEmpty() && !m_imported);
    const bool anyProblems = m_problemsModel->rowCount() > 0;
    m_problemsLabel->setVisible(anyProblems);
    m_problems->setVisible(anyProblems);
}

QString ImportDialog::importRows()
{
    Store* store = m_session.store();
    if (!store)
        return tr("The store is locked; unlock it and load the file again.");
    if (!m_import->isEnabled())
        return summary();
    QStringList references;
    try {
        const BusyCursor busy;
        references = ReferralImporter(*store).import(m_model->rows(), m_fileName);
    } catch (const StoreError& e) {
        // The store names the line ("line 4: reference ... is already in the store"), so it
        // goes with the other problems by line.
        m_problemsModel->setStringList({e.message()});
        showSummary(tr("Nothing has been imported from %1: the store refused it for the reason listed "
                       "below. Fix the file and load it again.")
                        .arg(m_fileName));
        updateButtons();
        return e.message();
    }
    m_imported = true;
    m_importedReferences = references;
    m_model->setAssignedReferences(references);
    showSummary(tr("Imported %n referral(s) from %1: %2.", nullptr, static_cast<int>(references.size()))
                    .arg(m_fileName, referencesText(references)));
    updateButtons();
    m_close->setFocus();
    notifyAdded(references);
    emit imported(references);
    return QString();
}

QString ImportDialog::referencesText(const QStringList& references) const
{
    // Past a handful the table's Reference column lists them all; the summary gives the range.
    if (references.size() > 10)
        return tr("%1 to %2").arg(references.first(), references.last());
    return references.join(QStringLiteral(", "));
}

void ImportDialog::notifyAdded(const QStringList& references)
{
    Store* store = m_session.store();
    if (!store)
        return;
    try {
        CaseRepository cases(*store);
        for (const QString& reference : references) {
            if (const std::optional<CaseRecord> record = cases.byReference(reference))
                m_session.notifyCaseAdded(record->meta.id);
        }
    } catch (const StoreError&) {
        // The cases are in; a view that missed them shows them on its next reload.
    }
}
