#include "RowReader.h"

RowMeta RowReader::meta(const Statement& st, int first)
{
    RowMeta m;
    m.id = st.text(first);
    m.rev = st.integer(first + 1);
    m.deleted = st.boolean(first + 2);
    m.createdAt = st.dateTime(first + 3);
    m.createdBy = st.text(first + 4);
    m.updatedAt = st.dateTime(first + 5);
    m.updatedBy = st.text(first + 6);
    return m;
}
