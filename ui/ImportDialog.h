#pragma once

#include "core/ReferralCsv.h"

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStringListModel;
class QTableView;
class QVBoxLayout;
class ReferralPreviewModel;
class StoreSession;

// Imports a spreadsheet of referrals (the CSV format of "casebook-cli import referrals").
// The file is read and checked once when chosen: its valid rows are previewed and every
// problem is listed by line before anything is written. Import is all or nothing, in one
// transaction, and only offered when the whole file is good. The file's contents stay in
// memory and are dropped when the store locks.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(StoreSession& session, QWidget* parent = nullptr);

    // Reads and previews path; the Browse... button calls it with the chosen file. True when
    // the file is ready to import (rows and no problems); otherwise summary() says why not.
    bool loadFile(const QString& path);
    // Empty when imported, otherwise why not (nothing is written then).
    QString importRows();
    QStringList importedReferences() const { return m_importedReferences; }

    QString summary() const;
    QStringList problems() const;
    ReferralPreviewModel* previewModel() const { return m_model; }
    QTableView* previewTable() const { return m_preview; }
    QListView* problemList() const { return m_problems; }
    QPushButton* browseButton() const { return m_browse; }
    QPushButton* reloadButton() const { return m_reload; }
    QPushButton* importButton() const { return m_import; }

    // Where the last chosen file's folder is remembered (QSettings).
    static QString lastFolderKey();
    // Tests answer the file chooser with this instead of showing it (empty: cancelled).
    static void setNextChosenFileForTesting(const QString& path);

signals:
    void imported(const QStringList& references);

private:
    void buildFileRow(QVBoxLayout* layout);
    void buildPreview(QVBoxLayout* layout);
    void buildButtons(QVBoxLayout* layout);
    void browse();
    QString chooseFile();
    void forget();
    bool showFileProblem(const QString& problem);
    bool showParsed(const ReferralCsv::Result& parsed);
    void showSummary(const QString& text);
    void notifyAdded(const QStringList& references);
    void updateButtons();
    QString referencesText(const QStringList& references) const;

    StoreSession& m_session;
    QString m_path;
    QString m_fileName;
    bool m_imported = false;
    QStringList m_importedReferences;
    ReferralPreviewModel* m_model = nullptr;
    QStringListModel* m_problemsModel = nullptr;
    QLineEdit* m_pathField = nullptr;
    QPushButton* m_browse = nullptr;
    QPushButton* m_reload = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_preview = nullptr;
    QLabel* m_problemsLabel = nullptr;
    QListView* m_problems = nullptr;
    QPushButton* m_import = nullptr;
    QPushButton* m_close = nullptr;
};
