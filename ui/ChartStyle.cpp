#include "ChartStyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

#include <algorithm>
#include <array>
#include <cmath>

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

QColor ChartStyle::textOn(const QColor& fill)
{
    // WCAG relative luminance; black and white have equal contrast at about 0.18.
    const auto channel
        = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double luminance
        = 0.2126 * channel(fill.redF()) + 0.7152 * channel(fill.greenF()) + 0.0722 * channel(fill.blueF());
    return luminance > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor ChartStyle::levelColour(int level) const
{
    // ColorBrewer "Blues": four steps a reader can tell apart, the strongest level the most
    // prominent against the background (darkest on light, brightest on dark).
    constexpr std::array<QRgb, 4> onLight {0xff9ecae1, 0xff6baed6, 0xff2171b5, 0xff08306b};
    constexpr std::array<QRgb, 4> onDark {0xff1f4e79, 0xff3182bd, 0xff6baed6, 0xffc6dbef};
    const auto step = static_cast<size_t>(std::clamp(level, 1, 4) - 1);
    return QColor(m_dark ? onDark.at(step) : onLight.at(step));
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
