#pragma once

#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

class QPainter;

// A plain bar chart painted with QPainter into an image, for the printed period report.
// report/ paints its own rather than using Qt Charts: Qt Charts needs QtWidgets (and a
// QGraphicsScene), and report/ must stay widget-free so casebook-cli makes the same PDF
// headless. Greys and black only, every bar labelled with its value and a legend in words,
// so a black-and-white copy reads as well as the screen.
class BarChart
{
public:
    enum class Orientation {
        Columns, // categories along the bottom (months)
        Bars, // categories down the left (agencies, needs): long names fit
    };

    explicit BarChart(Orientation orientation);

    void setCategories(const QStringList& categories);
    // Up to two series (e.g. baseline and closing); the first is drawn dark, the second light.
    void addSeries(const QString& name, const QList<double>& values);
    // A dashed mark per category (e.g. the UK norm), named in the legend.
    void setReference(const QString& name, const QList<double>& values);
    void setMaximum(double maximum) { m_maximum = maximum; } // axis end at least this
    void setDecimals(int decimals) { m_decimals = decimals; }

    // The chart at size (in document units, 96 per inch), drawn at one and a half times that
    // resolution for print, in 8-bit grey.
    QImage render(const QSize& size) const;
    // A height that fits every category of a Bars chart at a readable spacing.
    int suggestedHeight() const;

private:
    struct Series
    {
        QString name;
        QList<double> values;
    };
    double axisMaximum() const;
    void drawLegend(QPainter& painter, const QSize& size) const;
    void drawColumns(QPainter& painter, const QSize& size) const;
    void drawBars(QPainter& painter, const QSize& size) const;
    QString valueText(double value) const;
    static QColor fill(int series);

    Orientation m_orientation;
    QStringList m_categories;
    QList<Series> m_series;
    Series m_reference;
    double m_maximum = 0;
    int m_decimals = 0;
};
