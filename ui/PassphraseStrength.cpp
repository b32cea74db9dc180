#include "PassphraseStrength.h"

#include <zxcvbn.h>

double PassphraseStrength::entropyBits(const QString& passphrase)
{
    if (passphrase.isEmpty())
        return 0.0;
    QByteArray utf8 = passphrase.toUtf8();
    // Words that are particularly bad here: the first guesses of anyone who knows where the
    // laptop came from.
    const char* userWords[] = {"casebook", "pivot", "council", "passphrase", nullptr};
    const double bits = ZxcvbnMatch(utf8.constData(), userWords, nullptr);
    utf8.fill('\0');
    return bits;
}

int PassphraseStrength::scoreForBits(double bits)
{
    if (bits < 20.0)
        return 0;
    if (bits < 30.0)
        return 1;
    if (bits < 45.0)
        return 2;
    if (bits < 60.0)
        return 3;
    return 4;
}

int PassphraseStrength::score(const QString& passphrase)
{
    return scoreForBits(entropyBits(passphrase));
}

QString PassphraseStrength::verdict(int score)
{
    switch (score) {
    case 0:
        return tr("Very weak");
    case 1:
        return tr("Weak");
    case 2:
        return tr("Fair");
    case 3:
        return tr("Strong");
    default:
        return score > 3 ? tr("Very strong") : tr("Very weak");
    }
}

QString PassphraseStrength::refusal(const QString& passphrase)
{
    if (passphrase.isEmpty())
        return tr("Enter a passphrase: three or four unrelated words work well.");
    if (passphrase.size() < MinimumLength) {
        return tr("Use a longer passphrase: at least %1 characters. Three or four unrelated words work "
                  "well.")
            .arg(MinimumLength);
    }
    if (score(passphrase) < MinimumScore) {
        return tr("This passphrase would be easy to guess (common words, names, dates or keyboard "
                  "patterns). Use a longer passphrase: three or four unrelated words work well.");
    }
    return {};
}
