#pragma once

// One laptop in a sync test: its own encrypted store in a temporary directory, helpers to
// write casework through the ordinary repositories, and a whole-state dump to compare laptops.

#include "../store/StoreTestSupport.h"
#include "FakeServer.h"
#include "protocol/EntitySchema.h"
#include "store/CaseRepository.h"
#include "store/NoteRepository.h"
#include "store/ReferralImporter.h"
#include "sync/SyncEngine.h"

#include <QJsonDocument>
#include <QTemporaryDir>

class SyncTestClient
{
public:
    explicit SyncTestClient(const QString& actor)
        : m_actor(actor)
    {
        store = StoreTestSupport::createStore(m_dir.filePath(QStringLiteral("laptop.casebook")));
        store->setActor(actor);
    }

    SyncSummary sync(FakeServer& server, int pageSize = 500)
    {
        SyncEngine engine(*store, server, m_actor);
        engine.setPullPageSize(pageSize);
        return engine.run();
    }

    CaseRecord addCase(const QString& reason, const QString& givenName = QStringLiteral("Alex"))
    {
        ReferralRow row;
        row.caseRecord.referralDate = QDate(2026, 3, 1);
        row.caseRecord.reason = reason;
        row.caseRecord.consent = QStringLiteral("given");
        row.caseRecord.risk = QStringLiteral("low");
        row.subject.givenName = givenName;
        row.subject.familyName = QStringLiteral("Example");
        row.referringAgencyName = QStringLiteral("Lancashire Fire");
        row.needs = {QStringLiteral("hoarding")};
        ReferralImporter(*store).addReferral(row);
        return row.caseRecord;
    }

    CaseNote addNote(const CaseRecord& record, const QString& text)
    {
        CaseNote note;
        note.caseId = record.meta.id;
        note.occurredOn = QDate(2026, 3, 2);
        note.author = m_actor;
        note.kind = QStringLiteral("home-visit");
        note.text = text;
        note.significant = true;
        NoteRepository(*store).add(note, record.reference);
        return note;
    }

    CaseRecord caseById(const QString& id) { return *CaseRepository(*store).get(id); }

    qint64 count(const char* sql) { return store->db().scalar(sql); }

    QString text(const QByteArray& sql, const QVariantList& values)
    {
        Statement st = store->db().prepare(sql.constData());
        st.bindAll(values);
        return st.next() ? st.text(0) : QString();
    }

    // Every synced row with its rev and values, one line each, in a fixed order.
    QStringList dump()
    {
        QStringList lines;
        for (const QString& entity : EntitySchema::entities()) {
            QStringList columns {QStringLiteral("id"), QStringLiteral("rev"), QStringLiteral("deleted")};
            for (const auto& field : EntitySchema::fields(entity))
                columns << field.name;
            columns << QStringLiteral("created_at") << QStringLiteral("updated_at")
                    << QStringLiteral("updated_by");
            const QByteArray sql = "SELECT " + columns.join(QStringLiteral(", ")).toLatin1() + " FROM "
                + EntitySchema::table(entity).toLatin1() + " ORDER BY id";
            Statement st = store->db().prepare(sql.constData());
            while (st.next()) {
                QStringList values {entity};
                for (int i = 0; i < columns.size(); ++i) {
                    const QVariant v = st.value(i);
                    values << (v.isNull() ? QStringLiteral("<null>") : v.toString());
                }
                lines << values.join(QLatin1Char('|'));
            }
        }
        return lines;
    }

private:
    QTemporaryDir m_dir; // declared first so it outlives the store
    QString m_actor;

public:
    std::unique_ptr<Store> store;
};
