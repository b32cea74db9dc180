#include "PamLevel.h"

#include <cmath>

// Works in whole tenths so the band edges compare exactly. The tiny nudge makes a score
// typed as 47.05 (stored as 47.0499999...) round up, as a person reading it would expect.
long long PamLevel::tenths(double score)
{
    return static_cast<long long>(std::floor(score * 10.0 + 0.5 + 1e-9));
}

double PamLevel::roundToTenth(double score)
{
    return static_cast<double>(tenths(score)) / 10.0;
}

int PamLevel::levelFor(double score)
{
    if (!(score >= 0 && score <= 100))
        return 0;
    const long long t = tenths(score);
    if (t <= 470)
        return 1;
    if (t <= 551)
        return 2;
    if (t <= 670)
        return 3;
    return 4;
}
