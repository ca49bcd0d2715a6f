"""Customs duty on a parcel, by weight."""

DUTY_PER_KG = 1.5


def compute(weight):
    return round(weight * DUTY_PER_KG, 2)
