#include "AdminCommands.h"

#include "CliError.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "PassphraseReader.h"
#include "RecordJson.h"
#include "core/CsvWriter.h"
#include "core/ReferralCsv.h"
#include "core/Vocabulary.h"
#include "store/AgencyRepository.h"
#include "store/AuditLog.h"
#include "store/CaseRepository.h"
#include "store/KeyDerivation.h"
#include "store/NeedRepository.h"
#include "store/PersonRepository.h"
#include "store/StoreSettings.h"

#include <QJsonArray>
#include <QSaveFile>

int AdminCommands::init(CliSession& session, const QStringList& arguments)
{
    CommandParser p(
        QStringLiteral("init"), tr("Create a new encrypted store (asks for a passphrase twice)."));
    p.option(QStringLiteral("kdf-memory-mib"), tr("MIB"),
        tr("Argon2id memory in MiB (default 256; at least 19). Lower only on laptops with little memory."));
    p.option(QStringLiteral("kdf-ops"), tr("N"), tr("Argon2id passes (default 3; at least 2)."));
    if (!p.parse(session, arguments))
        return 0;
    const int memory = p.integer(QStringLiteral("kdf-memory-mib"), 19, 4096,
        static_cast<int>(KdfParams::DefaultMemLimit / (1024ull * 1024)));
    const int ops = p.integer(QStringLiteral("kdf-ops"), 2, 20, static_cast<int>(KdfParams::DefaultOpsLimit));
    Store& store = session.createStore(
        KeyDerivation::freshParams(static_cast<quint64>(ops), static_cast<quint64>(memory) * 1024 * 1024));
    session.out() << tr("Created an encrypted store at %1").arg(store.path()) << Qt::endl;
    session.out() << tr("Keep the passphrase safe: without it nobody, including IT, can open the store.")
                  << Qt::endl;
    return 0;
}

int AdminCommands::passwd(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("passwd"), tr("Change the store's passphrase."));
    p.option(QStringLiteral("new-passphrase-file"), tr("FILE"), tr("Read the new passphrase from FILE."));
    if (!p.parse(session, arguments))
        return 0;
    Store& store = session.store();
    QByteArray secret;
    if (p.isSet(QStringLiteral("new-passphrase-file"))) {
        secret = PassphraseReader::fromFile(p.value(QStringLiteral("new-passphrase-file")));
    } else {
        secret = PassphraseReader::prompt(tr("New passphrase: "));
        if (PassphraseReader::prompt(tr("Type it again: ")) != secret)
            throw CliError(CliError::Usage, tr("The two passphrases do not match; nothing was changed."));
    }
    CliSession::checkNewPassphrase(secret);
    store.changePassphrase(secret);
    session.out() << tr("Passphrase changed.") << Qt::endl;
    return 0;
}

int AdminCommands::search(CliSession& session, const QStringList& arguments)
{
    CommandParser p(
        QStringLiteral("search"), tr("Find cases by people's names, referral reasons and note text."));
    p.positional(QStringLiteral("TEXT"), tr("Words to find (all must match; word beginnings count)."));
    p.jsonOption();
    if (!p.parse(session, arguments))
        return 0;
    CaseFilter filter;
    filter.search = p.argument(0);
    filter.today = session.today();
    const QList<CaseSummary> cases = CaseRepository(session.store()).list(filter);
    if (p.json()) {
        session.printJson(RecordJson::summaries(cases, filter.today));
        return 0;
    }
    for (const CaseSummary& s : cases)
        session.out() << s.reference << QLatin1Char('\t') << s.status << QLatin1Char('\t') << s.subjectName
                      << Qt::endl;
    session.out() << tr("%n case(s) found", nullptr, static_cast<int>(cases.size())) << Qt::endl;
    return 0;
}

int AdminCommands::audit(CliSession& session, const QStringList& arguments)
{
    CommandParser p(QStringLiteral("audit"), tr("Show the audit log, newest first."));
    p.option(QStringLiteral("case"), tr("REF"), tr("Only entries about this case."));
    p.option(QStringLiteral("limit"), tr("N"), tr("At most N entries (default 100)."));
    p.jsonOption();
    if (!p.parse(session, arguments))
        return 0;
    const int limit = p.integer(QStringLiteral("limit"), 1, 1000000, 100);
    const QList<AuditEntry> entries
        = AuditLog(session.store()).entries(p.value(QStringLiteral("case")).toUpper(), limit);
    if (p.json()) {
        QJsonArray array;
        for (const AuditEntry& e : entries)
            array.append(RecordJson::audit(e));
        session.printJson(array);
        return 0;
    }
    for (const AuditEntry& e : entries)
        session.out() << e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                      << QLatin1Char('\t') << e.actor << QLatin1Char('\t') << e.action << QLatin1Char('\t')
                      << e.entity << QLatin1Char('\t') << e.caseReference << QLatin1Char('\t') << e.detail
                      << Qt::endl;
    return 0;
}

int AdminCommands::exportCsv(CliSession& session, const QStringList& arguments)
{
    if (arguments.value(0) != QLatin1String("csv"))
        throw CliError(CliError::Usage, tr("export: expected \"csv FILE\"."));
    CommandParser p(QStringLiteral("export csv"),
        tr("Write every case to a CSV file in the import format. The file is NOT encrypted: keep it "
           "on council storage and delete it when done. The export is audited."));
    p.positional(QStringLiteral("FILE"), tr("Where to write."));
    if (!p.parse(session, arguments.mid(1)))
        return 0;
    Store& store = session.store();
    CaseRepository cases(store);
    AgencyRepository agencies(store);
    CsvWriter csv;
    csv.addRecord(ReferralCsv::columns());
    CaseFilter all;
    all.limit = 10000000;
    int count = 0;
    for (const CaseSummary& s : cases.list(all)) {
        const CaseRecord c = *cases.get(s.id);
        Person subject;
        for (const CasePerson& link : cases.people(c.meta.id)) {
            if (link.role == QLatin1String("subject"))
                subject = PersonRepository(store).get(link.personId).value_or(Person {});
        }
        QStringList needKeys;
        for (const CaseNeed& n : NeedRepository(store).forCase(c.meta.id))
            needKeys << n.needKey;
        const auto agency = agencies.get(c.referringAgencyId);
        const auto d
            = [](const QDate& date) { return date.isValid() ? date.toString(Qt::ISODate) : QString(); };
        QHash<QString, QString> row {{QStringLiteral("reference"), c.reference},
            {QStringLiteral("referral_date"), d(c.referralDate)},
            {QStringLiteral("referring_agency"), agency ? agency->name : QString()},
            {QStringLiteral("referrer_name"), c.referrerName},
            {QStringLiteral("given_name"), subject.givenName},
            {QStringLiteral("family_name"), subject.familyName},
            {QStringLiteral("date_of_birth"), d(subject.dateOfBirth)},
            {QStringLiteral("nhs_number"), subject.nhsNumber}, {QStringLiteral("postcode"), subject.postcode},
            {QStringLiteral("needs"), needKeys.join(QLatin1Char(';'))}, {QStringLiteral("reason"), c.reason},
            {QStringLiteral("consent"), c.consent}, {QStringLiteral("risk"), c.risk},
            {QStringLiteral("status"), c.status}, {QStringLiteral("closed_date"), d(c.closedDate)},
            {QStringLiteral("closure_reason"), c.closureReason}};
        QStringList fields;
        for (const QString& column : ReferralCsv::columns())
            fields << row.value(column);
        csv.addRecord(fields);
        ++count;
    }
    const QString path = p.argument(0);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv.text().toUtf8()) < 0 || !file.commit())
        throw CliError(CliError::Failure, tr("Could not write %1: %2").arg(path, file.errorString()));
    store.write([&] {
        AuditLog(store).append(QStringLiteral("export"), QStringLiteral("cases"), QString(), QString(),
            tr("%n case(s) to CSV", nullptr, count));
    });
    session.out() << tr("Exported %n case(s) to %1", nullptr, count).arg(path) << Qt::endl;
    return 0;
}

int AdminCommands::settings(CliSession& session, const QStringList& arguments)
{
    const QString sub = arguments.value(0);
    CommandParser p(QStringLiteral("settings %1").arg(sub),
        tr("Team settings kept in the store: %1").arg(StoreSettings::keyNames().join(QStringLiteral(", "))));
    p.positional(QStringLiteral("KEY"), tr("Setting name."));
    if (sub == QLatin1String("set"))
        p.positional(QStringLiteral("VALUE"), tr("New value."));
    p.jsonOption();
    if (sub != QLatin1String("get") && sub != QLatin1String("set"))
        throw CliError(
            CliError::Usage, tr("settings: expected get [KEY] or set KEY VALUE (got \"%1\")").arg(sub));
    if (!p.parse(session, arguments.mid(1)))
        return 0;
    StoreSettings settings(session.store());
    QStringList names = StoreSettings::keyNames();
    if (sub == QLatin1String("set") || p.argumentCount() > 0) {
        StoreSettings::Key key {};
        if (!StoreSettings::keyFromName(p.argument(0), &key))
            throw CliError(CliError::InvalidInput,
                tr("Unknown setting \"%1\"; known settings: %2")
                    .arg(p.argument(0), names.join(QStringLiteral(", "))));
        if (sub == QLatin1String("set")) {
            const QString problem = settings.set(key, p.argument(1));
            if (!problem.isEmpty())
                throw CliError(CliError::InvalidInput, problem);
        }
        names = QStringList {p.argument(0)};
    }
    QJsonObject json;
    for (const QString& name : std::as_const(names)) {
        StoreSettings::Key key {};
        StoreSettings::keyFromName(name, &key);
        json.insert(name, settings.value(key));
    }
    if (p.json()) {
        session.printJson(json);
        return 0;
    }
    for (auto it = json.begin(); it != json.end(); ++it)
        session.out() << it.key() << QStringLiteral(" = ") << it.value().toString() << Qt::endl;
    return 0;
}

int AdminCommands::agency(CliSession& session, const QStringList& arguments)
{
    const QString sub = arguments.value(0);
    CommandParser p(QStringLiteral("agency %1").arg(sub), tr("The partner agencies the team works with."));
    if (sub == QLatin1String("add")) {
        p.positional(QStringLiteral("NAME"), tr("Agency name."));
        p.option(
            QStringLiteral("kind"), tr("KEY"), Vocabulary::agencyKinds().keys().join(QStringLiteral(", ")));
    } else if (sub != QLatin1String("list")) {
        throw CliError(CliError::Usage, tr("agency: expected add NAME or list (got \"%1\")").arg(sub));
    }
    p.jsonOption();
    if (!p.parse(session, arguments.mid(1)))
        return 0;
    AgencyRepository agencies(session.store());
    if (sub == QLatin1String("add")) {
        Agency agency;
        agency.name = p.argument(0);
        agency.kind = p.isSet(QStringLiteral("kind")) ? p.value(QStringLiteral("kind")) : agency.kind;
        if (!Vocabulary::agencyKinds().contains(agency.kind))
            throw CliError(CliError::InvalidInput,
                Vocabulary::agencyKinds().unknownKeyMessage(QStringLiteral("--kind"), agency.kind));
        if (const auto existing = agencies.findByName(agency.name))
            throw CliError(
                CliError::InvalidInput, tr("There is already an agency called \"%1\".").arg(existing->name));
        agencies.add(agency);
        session.out() << tr("Added %1.").arg(agency.name) << Qt::endl;
        return 0;
    }
    QJsonArray array;
    for (const Agency& a : agencies.list())
        array.append(QJsonObject {{QStringLiteral("name"), a.name}, {QStringLiteral("kind"), a.kind},
            {QStringLiteral("active"), a.active}});
    if (p.json()) {
        session.printJson(array);
        return 0;
    }
    for (const auto& v : std::as_const(array))
        session.out() << v.toObject().value(QStringLiteral("name")).toString() << QLatin1Char('\t')
                      << v.toObject().value(QStringLiteral("kind")).toString() << Qt::endl;
    return 0;
}
