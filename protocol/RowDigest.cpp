#include "RowDigest.h"

#include <QCryptographicHash>

#include <algorithm>

void RowDigest::add(const QString& entity, const QString& rowId, qint64 rev)
{
    m_lines.append(entity.toUtf8() + '\t' + rowId.toUtf8() + '\t' + QByteArray::number(rev) + '\n');
}

QString RowDigest::hex() const
{
    QList<QByteArray> sorted = m_lines;
    std::sort(sorted.begin(), sorted.end());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray& line : sorted)
        hash.addData(line);
    return QString::fromLatin1(hash.result().toHex());
}
