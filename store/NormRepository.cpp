#include "NormRepository.h"

#include "RecordWriter.h"
#include "RowReader.h"
#include "Store.h"

namespace {
QVariantMap fieldsOf(const ReferenceNorm& n)
{
    return {{QStringLiteral("scope"), n.scope}, {QStringLiteral("label"), n.label},
        {QStringLiteral("item"), n.item}, {QStringLiteral("value"), n.value}};
}
} // namespace

NormRepository::NormRepository(Store& store)
    : m_store(store)
{ }

QList<ReferenceNorm> NormRepository::list()
{
    Statement st = m_store.db().prepare(QByteArray(QByteArray("SELECT ") + RowReader::MetaColumns
        + ", scope, label, item, value FROM reference_norms WHERE deleted = 0 ORDER BY "
          "scope = 'local', scope = 'regional', label, item")
                                            .constData());
    QList<ReferenceNorm> result;
    while (st.next()) {
        ReferenceNorm n;
        n.meta = RowReader::meta(st);
        n.scope = st.text(7);
        n.label = st.text(8);
        n.item = static_cast<int>(st.integer(9));
        n.value = st.real(10);
        result << n;
    }
    return result;
}

void NormRepository::add(ReferenceNorm& norm)
{
    m_store.write([&] {
        RecordWriter(m_store).insert(
            "reference_norms", QStringLiteral("reference_norm"), norm.meta, fieldsOf(norm), QString());
    });
}

bool NormRepository::update(ReferenceNorm& norm)
{
    return m_store.write([&] {
        return RecordWriter(m_store).update(
            "reference_norms", QStringLiteral("reference_norm"), norm.meta, fieldsOf(norm), QString());
    });
}
