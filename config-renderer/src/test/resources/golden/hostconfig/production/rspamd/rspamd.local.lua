-- Rendered by config-renderer from the host settings; the reload agent replaces it.
-- Postfix hands rspamd the SASL login <address>/<login_key> (hostconfig.SmtpLogins):
-- the address is the part before the first separator.
local function login_address(task)
  local user = task:get_user()
  if not user then return nil end
  return (user:lower():match('^([^/]+)'))
end

-- sender address -> owning login addresses (agent-rendered from the senders rows)
local owners = rspamd_config:add_map({
  type = 'map',
  url = 'file:///srv/poststack/host/lib/rspamd-maps/sender_owners.map',
  description = 'sender address -> owning logins (poststack agent)',
})

-- domain -> "selector:keyfile selector:keyfile", active keys only (agent-rendered)
POSTSTACK_DKIM_KEYS = rspamd_config:add_map({
  type = 'map',
  url = 'file:///srv/poststack/host/lib/rspamd-maps/dkim_keys.map',
  description = 'DKIM keys per domain (poststack agent)',
})

local function reject(task, why)
  task:insert_result('FROM_NOT_OWNED', 1.0, why)
  task:set_pre_result('reject', why, 'from_owner')
end

-- The header From must be exactly one address, the login's own or one granted to it; the
-- envelope sender does not matter here (an empty one is checked the same way).
rspamd_config:register_symbol({
  name = 'FROM_NOT_OWNED',
  type = 'prefilter',
  priority = 10,
  score = 0.0,
  group = 'policies',
  description = 'Header From not owned by the authenticated user',
  callback = function(task)
    local user = login_address(task)
    if not user then return end
    local from = task:get_from('mime')
    if not from or #from == 0 or not from[1].addr or from[1].addr == '' then
      return reject(task, 'message has no usable From header')
    end
    if #from > 1 then
      return reject(task, 'message has more than one From address')
    end
    local addr = from[1].addr:lower()
    if addr == user then return end
    local o = owners:get_key(addr)
    if o then
      for login in tostring(o):gmatch('[^,%s]+') do
        if login:lower() == user then return end
      end
    end
    return reject(task, string.format('From <%s> is not owned by user %s', addr, user))
  end,
})

-- Fail closed: an authenticated submission rspamd could not sign (no active key for the From
-- domain yet, an unreadable key) gets a 4xx instead of leaving unsigned.
rspamd_config:register_symbol({
  name = 'DKIM_SIGN_MISSING',
  type = 'postfilter',
  priority = 10,
  score = 0.0,
  group = 'policies',
  description = 'Authenticated submission left unsigned',
  callback = function(task)
    if not task:get_user() or task:has_symbol('DKIM_SIGNED') then return end
    local a = task:get_metric_action()
    if a == 'reject' or a == 'soft reject' then return end
    local from = task:get_from('mime')
    local dom = (from and from[1] and from[1].domain or '?'):lower()
    task:insert_result('DKIM_SIGN_MISSING', 1.0, dom)
    task:set_pre_result('soft reject',
      string.format('no DKIM key available for %s, try again later', dom), 'dkim_fail_closed')
  end,
})
