#pragma once

#include <QCoreApplication>
#include <QString>

// How hard a passphrase is to guess, estimated by zxcvbn (the entropy, in bits, of the
// cheapest way to build it from dictionary words, names, dates, keyboard patterns and
// brute force). A store's passphrase is the only thing between a stolen laptop and the
// case records, so weak ones are refused when a store is created.
class PassphraseStrength
{
    Q_DECLARE_TR_FUNCTIONS(PassphraseStrength)

public:
    static constexpr int MinimumLength = 12;
    static constexpr int MinimumScore = 3;
    static constexpr int MaximumScore = 4;

    // zxcvbn's estimate in bits; 0 for an empty passphrase.
    static double entropyBits(const QString& passphrase);
    // 0-4 from the entropy: below 20 bits 0, below 30 bits 1, below 45 bits 2, below 60 bits
    // 3, otherwise 4. At 45 bits an attacker with the stolen file needs about 10^13 guesses
    // on average, each costing an Argon2id derivation (~0.5 s, 256 MiB on our laptops).
    static int score(const QString& passphrase);
    static int scoreForBits(double bits);
    // "Very weak" ... "Very strong", translated.
    static QString verdict(int score);
    // Empty when the passphrase is acceptable for a new store (score >= MinimumScore and at
    // least MinimumLength characters); otherwise what to do instead, in plain words.
    static QString refusal(const QString& passphrase);
};
