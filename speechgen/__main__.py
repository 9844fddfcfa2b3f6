from speechgen.cli import main

main()
