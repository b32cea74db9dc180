#include "ChartStyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

#include <array>

namespace {
// Okabe and Ito (2008), "Color Universal Design": blue, orange, bluish green, vermillion,
// sky blue, reddish purple, yellow; then grey for an eighth and later series.
constexpr std::array<QRgb, 8> okabeIto {
    0xff0072b2, 0xffe69f00, 0xff009e73, 0xffd55e00, 0xff56b4e9, 0xffcc79a7, 0xfff0e442, 0xff999999};
} // namespace

ChartStyle::ChartStyle(const QPalette& palette)
    : m_dark(palette.color(QPalette::Window).lightness() < 128)
    , m_text(palette.color(QPalette::WindowText))
    , m_background(palette.color(QPalette::Window))
{
    m_grid = m_text;
    m_grid.setAlpha(50);
}

QColor ChartStyle::seriesColour(int index) const
{
    const QColor colour(okabeIto.at(static_cast<size_t>(index) % okabeIto.size()));
    // The darker ones (blue, vermillion) fall below 3:1 against a dark window.
    return m_dark ? colour.lighter(135) : colour;
}

QColor ChartStyle::levelColour(int level) const
{
    QColor colour = QColor(okabeIto.at(0));
    const int step = std::clamp(level, 1, 4) - 1;
    // Light blue to strong blue on light backgrounds; the other way on dark ones, so the
    // strongest level stands out from either.
    const int lighter = m_dark ? 100 + 30 * step : 190 - 30 * step;
    return colour.lighter(lighter);
}

void ChartStyle::apply(QChart* chart) const
{
    chart->setTheme(m_dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(m_background);
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(m_text);
    QFont title = chart->titleFont();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(m_text);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
}

void ChartStyle::applyAxis(QAbstractAxis* axis) const
{
    axis->setLabelsColor(m_text);
    axis->setTitleBrush(m_text);
    axis->setGridLineColor(m_grid);
    axis->setLinePenColor(m_grid);
    axis->setMinorGridLineColor(m_grid);
}
