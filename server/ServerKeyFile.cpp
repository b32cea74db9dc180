#include "ServerKeyFile.h"

#include <QFile>

#include <cctype>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
// Reads at most 80 bytes straight into secure memory: the key never sits in a QByteArray.
SecureBuffer readSmall(int fd, std::size_t* size)
{
    SecureBuffer buffer(80);
    std::size_t total = 0;
    while (total < buffer.size()) {
        const ssize_t n = ::read(fd, buffer.data() + total, buffer.size() - total);
        if (n <= 0)
            break;
        total += static_cast<std::size_t>(n);
    }
    *size = total;
    return buffer;
}

bool isHex(const unsigned char* data, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i) {
        if (!std::isxdigit(data[i]))
            return false;
    }
    return true;
}
} // namespace

std::optional<SecureBuffer> ServerKeyFile::read(const QString& path, QString* error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        *error
            = QStringLiteral("The key file %1 cannot be opened (it is missing or not readable).").arg(path);
        return std::nullopt;
    }
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        *error = QStringLiteral("The key file %1 is not a regular file.").arg(path);
        return std::nullopt;
    }
    if ((info.st_mode & 0077) != 0) {
        ::close(fd);
        *error = QStringLiteral("The key file %1 can be read by other users (mode %2); it must be "
                                "mode 0600 (chmod 600 %1).")
                     .arg(path, QString::number(info.st_mode & 0777, 8).rightJustified(4, QLatin1Char('0')));
        return std::nullopt;
    }
    std::size_t size = 0;
    SecureBuffer raw = readSmall(fd, &size);
    ::close(fd);
    std::size_t length = size;
    if (length == 2 * KeyBytes + 1 && raw.data()[length - 1] == '\n')
        --length;
    SecureBuffer key(KeyBytes);
    if (length == KeyBytes && static_cast<qint64>(info.st_size) == KeyBytes) {
        std::memcpy(key.data(), raw.data(), KeyBytes);
        return key;
    }
    if (length == 2 * KeyBytes && isHex(raw.data(), length)) {
        std::size_t decoded = 0;
        if (sodium_hex2bin(key.data(), KeyBytes, reinterpret_cast<const char*>(raw.data()), length, nullptr,
                &decoded, nullptr)
                == 0
            && decoded == KeyBytes)
            return key;
    }
    *error = QStringLiteral("The key file %1 must hold exactly 32 raw bytes or 64 hexadecimal "
                            "characters; it holds %2 bytes.")
                 .arg(path)
                 .arg(static_cast<qint64>(info.st_size));
    return std::nullopt;
}

bool ServerKeyFile::create(const QString& path, QString* error)
{
    const int fd = ::open(QFile::encodeName(path).constData(),
        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        *error = QStringLiteral("Cannot create the key file %1 (does it exist already?).").arg(path);
        return false;
    }
    SecureBuffer key(KeyBytes);
    randombytes_buf(key.data(), key.size());
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced) {
        QFile::remove(path);
        *error = QStringLiteral("Cannot write the key file %1.").arg(path);
        return false;
    }
    return true;
}
