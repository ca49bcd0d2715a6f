using Shop.Ledger;
using Shop.Notify;

namespace Shop.Billing
{
    /// <summary>Reminder emails for unpaid invoices past their due date.</summary>
    public class Reminders
    {
        private const int GraceDays = 3;

        /// <summary>Emails the customer about an overdue invoice; a resend repeats the email after a bounce.</summary>
        public bool SendOverdueReminder(Invoice invoice, int today, bool resend)
        {
            int daysLate = today - invoice.DueDay;
            if (daysLate <= GraceDays)
            {
                return false;
            }
            decimal lateFee = Penalties.AccruePenalty(invoice, daysLate);
            string body = $"Your invoice is {daysLate} days late; a fee of {lateFee} applies.";
            return Email.SendEmail(invoice.CustomerId, "Your invoice is overdue", body);
        }
    }
}
