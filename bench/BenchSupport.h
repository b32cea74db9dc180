#pragma once

// What the benchmarks share: the generated stores' passphrase, the output stream and the
// median of repeated timings.

#include <QByteArray>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <vector>

namespace Bench {

inline QByteArray passphrase()
{
    return QByteArrayLiteral("bench passphrase, fictional data only");
}

inline QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

inline double millis(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

// The median of runs timings of work(), in milliseconds.
inline double timed(int runs, const std::function<void()>& work)
{
    std::vector<double> samples;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        samples.push_back(millis(timer));
    }
    return median(samples);
}

} // namespace Bench
