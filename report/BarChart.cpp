#include "BarChart.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace {

constexpr qreal scale = 1.5; // image pixels per document unit: 144 per inch, sharp in print
constexpr int legendHeight = 22;

QFont chartFont(int pixelSize, bool bold = false)
{
    QFont font(QStringLiteral("Sans Serif"));
    font.setStyleHint(QFont::SansSerif, QFont::PreferNoShaping); // no ligatures, as in the body
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    return font;
}

// 1, 2 or 5 times a power of ten, so the axis reads in round numbers.
double niceStep(double range, int ticks)
{
    const double raw = range / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    const std::array<double, 4> factors {1.0, 2.0, 5.0, 10.0};
    const auto fits
        = std::find_if(factors.cbegin(), factors.cend(), [&](double f) { return f * power >= raw; });
    return (fits == factors.cend() ? 10.0 : *fits) * power;
}

} // namespace

BarChart::BarChart(Orientation orientation)
    : m_orientation(orientation)
{ }

void BarChart::setCategories(const QStringList& categories)
{
    m_categories = categories;
}

void BarChart::addSeries(const QString& name, const QList<double>& values)
{
    m_series << Series {name, values};
}

void BarChart::setReference(const QString& name, const QList<double>& values)
{
    m_reference = Series {name, values};
}

QColor BarChart::fill(int series)
{
    return series == 0 ? QColor(0x40, 0x40, 0x40) : QColor(0xc0, 0xc0, 0xc0);
}

QString BarChart::valueText(double value) const
{
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(value, 'f', m_decimals);
}

double BarChart::axisMaximum() const
{
    double top = std::max(m_maximum, 1.0);
    for (const Series& s : m_series) {
        for (double v : s.values)
            top = std::max(top, v);
    }
    for (double v : m_reference.values)
        top = std::max(top, v);
    const double step = niceStep(top, 4);
    return std::ceil(top / step) * step;
}

int BarChart::suggestedHeight() const
{
    const int perCategory = m_series.size() > 1 ? 30 : 20;
    return legendHeight + 24 + int(m_categories.size()) * perCategory;
}

QImage BarChart::render(const QSize& size) const
{
    QImage image(size * scale, QImage::Format_RGB32);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        drawLegend(painter, size);
        if (m_orientation == Orientation::Columns)
            drawColumns(painter, size);
        else
            drawBars(painter, size);
    }
    return image.convertToFormat(QImage::Format_Grayscale8);
}

void BarChart::drawLegend(QPainter& painter, const QSize& size) const
{
    painter.setFont(chartFont(11));
    const QFontMetricsF metrics(painter.font());
    qreal x = size.width();
    const auto entry = [&](const QString& name, const std::function<void(const QRectF&)>& swatch) {
        x -= metrics.horizontalAdvance(name) + 8;
        painter.setPen(Qt::black);
        painter.drawText(QPointF(x, 14), name);
        x -= 18;
        swatch(QRectF(x, 4, 14, 12));
        x -= 12;
    };
    if (!m_reference.name.isEmpty()) {
        entry(m_reference.name, [&](const QRectF& r) {
            painter.setPen(QPen(Qt::black, 2, Qt::DashLine));
            painter.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()));
        });
    }
    for (qsizetype i = m_series.size() - 1; i >= 0; --i) {
        if (m_series.size() < 2 && m_reference.name.isEmpty())
            break; // one series needs no legend: the heading names it
        entry(m_series.at(i).name, [&](const QRectF& r) {
            painter.setPen(QPen(Qt::black, 1));
            painter.setBrush(fill(int(i)));
            painter.drawRect(r);
        });
    }
}

void BarChart::drawColumns(QPainter& painter, const QSize& size) const
{
    const QFontMetricsF metrics(chartFont(11));
    const double top = axisMaximum();
    const QRectF plot(40, legendHeight + 6, size.width() - 48, size.height() - legendHeight - 6 - 36);
    const double step = niceStep(top, 4);
    painter.setFont(chartFont(11));
    const int ticks = qRound(top / step);
    for (int tick = 0; tick <= ticks; ++tick) {
        const double v = step * tick;
        const qreal y = plot.bottom() - plot.height() * v / top;
        painter.setPen(QPen(QColor(0xd0, 0xd0, 0xd0), 1));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(Qt::black);
        painter.drawText(
            QRectF(0, y - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter, valueText(v));
    }
    const qsizetype n = std::max<qsizetype>(1, m_categories.size());
    const qreal group = plot.width() / qreal(n);
    const qsizetype seriesCount = std::max<qsizetype>(1, m_series.size());
    const qreal bar = group * 0.7 / qreal(seriesCount);
    for (qsizetype c = 0; c < m_categories.size(); ++c) {
        const qreal x0 = plot.left() + group * qreal(c) + group * 0.15;
        for (qsizetype s = 0; s < m_series.size(); ++s) {
            const double v = m_series.at(s).values.value(c);
            const QRectF r(
                x0 + bar * qreal(s), plot.bottom() - plot.height() * v / top, bar, plot.height() * v / top);
            painter.setPen(QPen(Qt::black, 1));
            painter.setBrush(fill(int(s)));
            painter.drawRect(r);
            painter.setFont(chartFont(10));
            painter.drawText(QRectF(r.left() - 10, r.top() - 15, r.width() + 20, 14),
                Qt::AlignHCenter | Qt::AlignBottom, valueText(v));
        }
        if (c < m_reference.values.size()) {
            const qreal y = plot.bottom() - plot.height() * m_reference.values.at(c) / top;
            painter.setPen(QPen(Qt::black, 2, Qt::DashLine));
            painter.drawLine(QPointF(x0 - group * 0.08, y), QPointF(x0 + group * 0.78, y));
        }
        painter.setPen(Qt::black);
        painter.setFont(chartFont(11));
        const QRectF label(plot.left() + group * qreal(c), plot.bottom() + 4, group, 30);
        painter.drawText(label, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
            metrics.elidedText(m_categories.at(c), Qt::ElideRight, group * 2));
    }
    painter.setPen(QPen(Qt::black, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
}

void BarChart::drawBars(QPainter& painter, const QSize& size) const
{
    const QFontMetricsF metrics(chartFont(11));
    qreal labelWidth = 0;
    for (const QString& c : m_categories)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(c));
    labelWidth = std::min(labelWidth + 8, size.width() * 0.4);
    const double top = axisMaximum();
    const QRectF plot(
        labelWidth, legendHeight + 4, size.width() - labelWidth - 40, size.height() - legendHeight - 8);
    const qsizetype n = std::max<qsizetype>(1, m_categories.size());
    const qreal group = plot.height() / qreal(n);
    const qsizetype seriesCount = std::max<qsizetype>(1, m_series.size());
    const qreal bar = std::min<qreal>(group * 0.75 / qreal(seriesCount), 16);
    for (qsizetype c = 0; c < m_categories.size(); ++c) {
        const qreal y0 = plot.top() + group * qreal(c) + (group - bar * qreal(seriesCount)) / 2;
        painter.setPen(Qt::black);
        painter.setFont(chartFont(11));
        painter.drawText(QRectF(0, plot.top() + group * qreal(c), labelWidth - 6, group),
            Qt::AlignRight | Qt::AlignVCenter,
            metrics.elidedText(m_categories.at(c), Qt::ElideRight, labelWidth - 6));
        for (qsizetype s = 0; s < m_series.size(); ++s) {
            const double v = m_series.at(s).values.value(c);
            const QRectF r(plot.left(), y0 + bar * qreal(s), plot.width() * v / top, bar);
            painter.setPen(QPen(Qt::black, 1));
            painter.setBrush(fill(int(s)));
            painter.drawRect(r);
            painter.setFont(chartFont(10));
            painter.drawText(QRectF(r.right() + 4, r.top(), 40, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                valueText(v));
        }
    }
    painter.setPen(QPen(Qt::black, 1));
    painter.drawLine(plot.topLeft(), plot.bottomLeft());
}
