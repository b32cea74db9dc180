#pragma once

// Patient Activation Measure levels. Only the licensed tool computes the 0-100 score; we
// record that score and derive the level from the published bands:
// 1 up to 47.0, 2 47.1-55.1, 3 55.2-67.0, 4 67.1 and above.
class PamLevel
{
public:
    // 1-4, or 0 when the score is not a valid 0-100 score (not recorded).
    static int levelFor(double score);
    // Scores are recorded to one decimal place; halves round up (47.05 -> 47.1).
    static double roundToTenth(double score);

private:
    static long long tenths(double score);
};
