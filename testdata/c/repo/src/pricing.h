#ifndef PRICING_H
#define PRICING_H

/* Takes the rate off the amount, rounded to cents. */
static inline double apply_discount(double amount, double rate)
{
    return (double)(long)(amount * (1.0 - rate) * 100.0 + 0.5) / 100.0;
}

#endif
