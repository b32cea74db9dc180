#pragma once

#include <QDate>

class Store;

// Fills a store with N fictional cases fast enough for 100,000: every case gets a reference
// up front (no "next free number" search per case) and cases are written in transactions of
// a few thousand. Each case has a subject, one or two needs, one or two actions (some open
// and overdue) and two or three notes, all through the repositories, so the outbox, audit
// log and search index grow as they do in real use. Every 500th case has a note with the
// rare word "xylophone"; "visit" is in about half the notes.
class CaseGenerator
{
public:
    static void populate(Store& store, int cases, const QDate& today);
};
