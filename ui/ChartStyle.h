#pragma once

#include <QColor>
#include <QPalette>

class QAbstractAxis;
class QChart;

// How the dashboard's charts follow the application's palette: background, text and grid
// lines come from it, so a dark desktop gets dark charts with readable labels. Series take
// the Okabe-Ito colours (told apart with the common colour-vision deficiencies), lightened
// on a dark background; every figure is also in a label, a tooltip or the legend's text.
class ChartStyle
{
public:
    explicit ChartStyle(const QPalette& palette);

    bool isDark() const { return m_dark; }
    QColor text() const { return m_text; }
    QColor background() const { return m_background; }
    QColor seriesColour(int index) const;
    // Black or white, whichever reads better on a bar of this colour.
    static QColor textOn(const QColor& fill);
    // Ordered levels (PAM 1 to 4): one hue in four clear steps, on either background.
    QColor levelColour(int level) const;

    void apply(QChart* chart) const; // call before adding series: it sets the theme
    void applyAxis(QAbstractAxis* axis) const;

private:
    bool m_dark = false;
    QColor m_text;
    QColor m_background;
    QColor m_grid;
};
