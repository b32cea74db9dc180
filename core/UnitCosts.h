#pragma once

#include <QtGlobal>

// Unit costs behind the estimated savings, in pence. Editable by a team; the defaults and
// their sources:
// - GP appointment £41: PSSRU, Unit Costs of Health and Social Care 2022, cost of a GP
//   consultation (surgery, per patient contact).
// - A&E attendance £242: approximate average cost of an A&E attendance, NHS England
//   National Cost Collection 2021/22.
// - £3,500 per intervention: the council's own published figure ("each intervention by
//   social prescribing saves approximately £3,500 per person to the health service").
struct UnitCosts
{
    qint64 gpAppointmentPence = 4100;
    qint64 aeAttendancePence = 24200;
    qint64 flatRatePerInterventionPence = 350000;
};
