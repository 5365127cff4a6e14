"""Compile time, def time and call time for one small module."""

SOURCE = '''
def log_registration(func):
    print("  def time: decorator receives", func.__name__)
    return func

def default_limit():
    print("  def time: default value computed")
    return 10

@log_registration
def handler(limit=default_limit()):
    print("  call time: body runs with limit =", limit)
'''

# 1. Compile time: the whole module, including the body of handler,
#    becomes code objects. Nothing in SOURCE has run yet.
module_code = compile(SOURCE, "shop.py", "exec")
nested = [c.co_name for c in module_code.co_consts
          if hasattr(c, "co_code")]
print("compile: nested code objects:", nested)

# 2. Def time: executing the module code runs each def statement,
#    which builds a function object around an existing code object.
print("exec module:")
namespace = {}
exec(module_code, namespace)
handler = namespace["handler"]
print("same code object:",
      any(c is handler.__code__ for c in module_code.co_consts))

# 3. Call time: only now does the body of handler execute.
print("call:")
handler()

# A syntax error anywhere in a module stops it before line 1 runs:
# executing the source text raises before the first statement executes.
BROKEN = 'ran.append(1)\ndef later():\n    return )\n'
ran = []
try:
    exec(BROKEN, {"ran": ran})
except SyntaxError as exc:
    print("SyntaxError at line", exc.lineno, "- line 1 ran:", bool(ran))
