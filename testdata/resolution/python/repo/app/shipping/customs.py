"""Customs declarations for parcels leaving the country."""


def declare_parcel(order):
    return {"weight": order.weight, "value": order.amount}
