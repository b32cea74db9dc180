#pragma once

#include <QString>
#include <QStringList>

// Human-readable case references, PVT-YYYY-NNNN: the referral year and a number counting up
// within that year, zero padded to at least four digits (PVT-2025-0042, PVT-2025-10000).
class CaseReference
{
public:
    static QString format(int year, int number);
    // Strict: upper-case PVT, a four-digit year, and the number exactly as format() writes it.
    // year and number may be null when the caller only wants to know whether it parses.
    static bool parse(const QString& ref, int* year, int* number);
    // One more than the highest number already used in that year, starting at 0001. Other
    // years and malformed references are ignored; gaps are never filled, so a deleted
    // case's reference is never given to someone else.
    static QString next(int year, const QStringList& existingReferences);
};
