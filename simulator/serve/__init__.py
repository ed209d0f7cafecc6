"""`recovery-sim serve`: the app in a browser, one app process per tab (textual-serve).

`policy` holds the decisions (who may connect, what each app process is given) as plain Python;
`server` wires them into textual-serve's aiohttp server. textual-serve is imported only here.
"""
