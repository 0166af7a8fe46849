"""Template filters for Thai display. (Buddhist-era years need no filter: Django's own
`date` filter prints them in Thai, see prongsai.web.buddhist_era.)"""

from django import template

from prongsai.thai import to_thai_digits

register = template.Library()


@register.filter
def thai_digits(value: object) -> str:
    """ "๙๒.๔๒" for 92.42: some agencies write every number in Thai digits."""
    return to_thai_digits(str(value))
