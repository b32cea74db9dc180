#include "DashboardData.h"

#include "ReadWorker.h"
#include "StoreSession.h"
#include "core/PeriodFiguresCsv.h"
#include "store/AuditLog.h"
#include "store/NormRepository.h"
#include "store/ReportRepository.h"
#include "store/StoreError.h"
#include "store/StoreSettings.h"

#include <QSaveFile>
#include <QTimer>

DashboardData::DashboardData(StoreSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_reads(new ReadWorker(session, this))
    , m_settle(new QTimer(this))
{
    // An edit announces several changes; an import or a sync many: count once they settle.
    m_settle->setSingleShot(true);
    m_settle->setInterval(300);
    connect(m_settle, &QTimer::timeout, this, &DashboardData::refresh);
    connect(session, &StoreSession::unlocked, this, &DashboardData::storeChanged);
    connect(session, &StoreSession::caseChanged, this, &DashboardData::storeChanged);
    connect(session, &StoreSession::caseAdded, this, &DashboardData::storeChanged);
    connect(session, &StoreSession::storeChanged, this, &DashboardData::storeChanged);
    connect(session, &StoreSession::locked, this, &DashboardData::clear);
    connect(m_reads, &ReadWorker::failed, this, [this](const QString& message) {
        setLoading(false);
        emit failed(message);
    });
}

void DashboardData::setPeriod(const ReportPeriod& period)
{
    if (period == m_period && (m_figures || m_loading))
        return;
    m_period = period;
    if (!period.isValid()) {
        clear();
        return;
    }
    refresh();
}

void DashboardData::setShowing(bool showing)
{
    m_showing = showing;
    if (showing && m_stale)
        refresh();
}

void DashboardData::storeChanged()
{
    if (m_showing)
        m_settle->start();
    else
        m_stale = true;
}

void DashboardData::refresh()
{
    m_settle->stop();
    if (!m_session->isUnlocked() || !m_period.isValid())
        return;
    m_stale = false;
    const ReportPeriod wanted = m_period;
    setLoading(true);
    m_reads->request<DashboardFigures>(
        [wanted](Store& reader) {
            return DashboardFigures::compute(ReportRepository(reader).casesUpTo(wanted.to()), wanted,
                StoreSettings(reader).unitCosts(), NormRepository(reader).list());
        },
        [this](const DashboardFigures& figures) {
            m_figures = figures;
            setLoading(false);
            emit figuresReady();
        });
}

void DashboardData::clear()
{
    m_settle->stop();
    m_reads->cancel();
    m_figures.reset();
    m_stale = false;
    setLoading(false);
    emit cleared();
}

void DashboardData::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

std::optional<CaseFilter> DashboardData::referralsFilter(int month, const QString& source) const
{
    if (!m_figures || month < 0 || month >= m_figures->months().size())
        return std::nullopt;
    const ReportPeriod& range = m_figures->months().at(month).period;
    CaseFilter filter;
    filter.referredFrom = range.from();
    filter.referredTo = range.to();
    // PeriodReport counts a case with no referring agency under its "Not recorded" label.
    filter.referringAgencyName = source == PeriodReport::tr("Not recorded") ? QString() : source;
    return filter;
}

QString DashboardData::exportCsv(const QString& path)
{
    Store* store = m_session->store();
    if (!store || !m_figures)
        return tr("There are no figures to export yet: wait for the dashboard to finish counting.");
    const ReportPeriod exported = m_figures->period();
    const QByteArray csv = PeriodFiguresCsv::text(m_figures->report()).toUtf8();
    try {
        // The file is written inside the audit entry's transaction: an export that fails
        // leaves no entry behind, and a file that was written is never left unaudited.
        store->write([&] {
            AuditLog(*store).append(QStringLiteral("export"), QStringLiteral("report"), QString(), QString(),
                QStringLiteral("figures %1..%2 to CSV")
                    .arg(exported.from().toString(Qt::ISODate), exported.to().toString(Qt::ISODate)));
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(csv) < 0 || !file.commit())
                throw StoreError(StoreError::Code::Failed,
                    tr("The figures could not be saved to %1: %2").arg(path, file.errorString()));
        });
    } catch (const StoreError& e) {
        return e.message();
    }
    return {};
}
